import { Body, Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { ProposalDto } from './dto/proposal.dto';
import { ProposalsService } from './proposals.service';

@ApiTags('proposals')
@Controller('proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft proposal and start its workflow' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Alternative to body.requestId' })
  @ApiResponse({ status: 201, type: ProposalDto, description: 'Created' })
  @ApiResponse({ status: 200, type: ProposalDto, description: 'Same request id seen before: the existing proposal' })
  @ApiResponse({ status: 400, description: 'Invalid body, with the field and reason' })
  async create(
    @Body() dto: CreateProposalDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProposalDto> {
    const { proposal, created } = await this.proposals.create(dto, idempotencyKey);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return proposal;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One proposal with its timeline and the live state reported by its workflow' })
  @ApiResponse({ status: 200, type: ProposalDto })
  @ApiResponse({ status: 404, description: 'Unknown or not visible to you' })
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<ProposalDto> {
    return this.proposals.get(id);
  }
}
