import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProposalDetailDto } from '../../proposals/dto/proposal.dto';
import { ContactPointDto, SignatoryDto } from './agreement-actions.dto';
import { EntryIntoForceRuleDto } from './agreement-terms.dto';

export class NegotiationRoundDto {
  @ApiProperty({ example: 1 }) n: number;
  @ApiProperty({ example: '2026-05-20' }) date: string;
  @ApiProperty({ example: 'Seoul' }) place: string;
  @ApiProperty({ example: 'draft v3' }) textVersion: string;
  @ApiProperty() counterpartRemarks: string;
  @ApiProperty() recordedAt: string;
}

export class StoredRenewalRuleDto {
  @ApiProperty({ example: 'renewal-5y-auto5y-notice6m-v1' }) version: string;
  @ApiProperty({ example: 5 }) validityYears: number;
  @ApiPropertyOptional({ nullable: true, example: { periodYears: 5, noticeMonths: 6 } }) automaticRenewal: { periodYears: number; noticeMonths: number } | null;
  @ApiProperty({ example: 3 }) reviewLeadMonths: number;
}

export class AgreementSignatureDto {
  @ApiProperty() date: string;
  @ApiProperty() place: string;
  @ApiProperty({ type: [SignatoryDto] }) signatories: SignatoryDto[];
}

export class AgreementRatificationDto {
  @ApiProperty({ enum: ['law', 'resolution'] }) actKind: string;
  @ApiProperty() actNumber: string;
  @ApiProperty() actDate: string;
}

export class DiplomaticNotificationDto {
  @ApiProperty({ enum: ['mongolia', 'counterpart'] }) party: string;
  @ApiProperty() date: string;
  @ApiProperty() reference: string;
}

export class JointActivityDto {
  @ApiProperty({ example: 'a1' }) id: string;
  @ApiProperty() date: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
}

export class AnnualReviewDto {
  @ApiProperty({ description: 'The anniversary the review belongs to' }) dueDate: string;
  @ApiProperty() taskId: string;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) summary: string | null;
}

export class TerminationDto {
  @ApiProperty({ enum: ['mongolia', 'counterpart'] }) initiatedBy: string;
  @ApiProperty() noticeDate: string;
  @ApiProperty() effectiveDate: string;
  @ApiProperty() reason: string;
}

/** The agreement's own data, as the workflow keeps it (live), or as the read model last stored it. */
export class AgreementDataDto {
  @ApiProperty({ type: EntryIntoForceRuleDto }) entryIntoForceRule: EntryIntoForceRuleDto;
  @ApiPropertyOptional({ type: StoredRenewalRuleDto, nullable: true, description: 'null: in force until terminated' }) renewalRule: StoredRenewalRuleDto | null;
  @ApiProperty({ type: [NegotiationRoundDto] }) rounds: NegotiationRoundDto[];
  @ApiPropertyOptional({ type: AgreementSignatureDto, nullable: true }) signature: AgreementSignatureDto | null;
  @ApiPropertyOptional({ type: AgreementRatificationDto, nullable: true }) ratification: AgreementRatificationDto | null;
  @ApiProperty({ type: [DiplomaticNotificationDto] }) notifications: DiplomaticNotificationDto[];
  @ApiPropertyOptional({ nullable: true, example: '2026-08-09', description: 'From the entry-into-force clause, once its trigger is known' }) entryIntoForce: string | null;
  @ApiProperty({ type: [ContactPointDto] }) contactPoints: ContactPointDto[];
  @ApiProperty({ type: [JointActivityDto] }) jointActivities: JointActivityDto[];
  @ApiProperty({ type: [AnnualReviewDto] }) reviews: AnnualReviewDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, example: [{ expiry: '2031-08-09', renewedOn: '2031-08-09T00:00:00.000Z' }] }) renewals: { expiry: string; renewedOn: string }[];
  @ApiPropertyOptional({ type: TerminationDto, nullable: true }) termination: TerminationDto | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'Set for instruments imported in their final state' }) imported: { key: string; source: string } | null;
}

/** A bilateral agreement: its proposals row (draft fields under details.fields), timeline, tasks, documents, and its data. */
export class AgreementDetailDto extends ProposalDetailDto {
  @ApiProperty({ type: AgreementDataDto }) agreement: AgreementDataDto;
  @ApiProperty({ enum: ['live', 'read_model'], description: 'Where `agreement` came from: the workflow itself, or the read model when the workflow did not answer' })
  agreementSource: 'live' | 'read_model';
}
