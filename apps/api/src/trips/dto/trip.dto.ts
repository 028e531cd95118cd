import { ApiProperty } from '@nestjs/swagger';
import { ProposalDetailDto } from '../../proposals/dto/proposal.dto';

export class TripRouteStepDto {
  @ApiProperty({ example: 'finance' }) role: string;
  @ApiProperty({ example: { en: '…', mn: '…' } }) reason: { en: string; mn: string };
}

export class TripRouteDto {
  @ApiProperty({ example: 'trip-routing-v1' }) rulesVersion: string;
  @ApiProperty({ type: [TripRouteStepDto] }) steps: TripRouteStepDto[];
  @ApiProperty({ example: 8175000 }) totalCostMnt: number;
  @ApiProperty({ example: 5175000 }) administrationBudgetMnt: number;
}

/** A trip: its proposals row (details.trip holds the request), timeline, tasks, documents, and its approval route. */
export class TripDetailDto extends ProposalDetailDto {
  @ApiProperty({ type: TripRouteDto, description: 'Who approves the trip as requested now, and why' }) route: TripRouteDto;
}
