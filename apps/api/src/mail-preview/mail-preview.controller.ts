import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RenderedMail } from '../../../../libs/mail';
import { Access } from '../common/authorization/access.decorator';
import { MailPreviewQueryDto } from './dto/mail-preview-query.dto';
import { MailTemplateListDto } from './dto/mail-template-summary.dto';
import { MailPreviewService } from './mail-preview.service';

@ApiTags('mail-preview')
@Controller('mail-preview')
@Access({ roles: ['admin'] })
export class MailPreviewController {
  constructor(private readonly preview: MailPreviewService) {}

  @Get()
  @ApiOperation({ summary: 'The email templates, each with links to its preview in both languages' })
  @ApiResponse({ status: 200, type: MailTemplateListDto })
  list(): MailTemplateListDto {
    return this.preview.list('/api/v1/mail-preview');
  }

  @Get(':template')
  @ApiOperation({ summary: 'One email template rendered with sample data: as the HTML email, its plain text, or both as JSON' })
  @ApiProduces('text/html', 'text/plain', 'application/json')
  @ApiResponse({ status: 200, description: 'The rendered email' })
  @ApiResponse({ status: 404, description: 'No such template' })
  render(@Param('template') template: string, @Query() query: MailPreviewQueryDto, @Res({ passthrough: true }) res: Response): RenderedMail | string {
    const mail = this.preview.render(template, query.lang ?? 'mn');
    const format = query.format ?? 'html';
    if (format === 'json') return mail;
    res.type(format === 'text' ? 'text/plain; charset=utf-8' : 'html');
    return format === 'text' ? `Subject: ${mail.subject}\n\n${mail.text}` : mail.html;
  }
}
