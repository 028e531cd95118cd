import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, Length, ValidateNested } from 'class-validator';
import { PARTIES, Party } from '../../../../../libs/domain';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';
import { RequestIdDto } from '../../proposals/dto/request-id.dto';
import { IsCalendarDate } from './agreement-terms.dto';

const PARTY_DOC = { enum: PARTIES, description: 'mongolia or counterpart' };

export class RecordNegotiationRoundDto extends RequestIdDto {
  @ApiProperty({ example: '2026-05-20', description: 'Date of the round (not in the future)' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 'Seoul', maxLength: 300 }) @IsString() @Length(1, 300) place: string;
  @ApiProperty({ example: 'draft v3 of 2026-05-10', maxLength: 300, description: 'The text version exchanged' }) @IsString() @Length(1, 300) textVersion: string;
  @ApiPropertyOptional({ example: 'Asked to narrow Art. 5 (exchange of information)', maxLength: 5000 })
  @IsOmittable()
  @IsString()
  @Length(0, 5000)
  counterpartRemarks?: string;
}

export class SignatoryDto {
  @ApiProperty({ example: 'B. Bat', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'Commissioner General of Customs', maxLength: 300 }) @IsString() @Length(1, 300) title: string;
  @ApiProperty(PARTY_DOC) @IsIn(PARTIES) party: Party;
}

export class RecordSignatureDto extends RequestIdDto {
  @ApiProperty({ example: '2026-06-01', description: 'Date of signature (not in the future)' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 'Ulaanbaatar', maxLength: 300 }) @IsString() @Length(1, 300) place: string;
  @ApiProperty({ type: [SignatoryDto], description: 'At least one signatory for each party' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SignatoryDto)
  signatories: SignatoryDto[];
}

export class RecordRatificationDto extends RequestIdDto {
  @ApiProperty({ enum: ['law', 'resolution'], description: 'A law of the State Great Khural or a Cabinet resolution' }) @IsIn(['law', 'resolution']) actKind: 'law' | 'resolution';
  @ApiProperty({ example: '12/2026', maxLength: 64 }) @IsString() @Length(1, 64) actNumber: string;
  @ApiProperty({ example: '2026-07-02', description: 'Not before signature, not in the future' }) @IsCalendarDate() actDate: string;
}

export class RecordNotificationDto extends RequestIdDto {
  @ApiProperty({ ...PARTY_DOC, description: 'Whose diplomatic note: mongolia or counterpart' }) @IsIn(PARTIES) party: Party;
  @ApiProperty({ example: '2026-07-10', description: 'Date of the note (not before signature, not in the future)' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 'No. 4/1187', maxLength: 200, description: "The note's number or reference" }) @IsString() @Length(1, 200) reference: string;
}

export class ContactPointDto {
  @ApiProperty(PARTY_DOC) @IsIn(PARTIES) party: Party;
  @ApiProperty({ example: 'D. Oyun', maxLength: 200 }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ example: 'Head, International Cooperation Division', maxLength: 300 }) @IsOmittable() @IsString() @Length(0, 300) position?: string;
  @ApiPropertyOptional({ example: 'oyun.d@customs.gov.mn' }) @IsOmittable() @IsEmail({}, { message: 'email must be an email address' }) @Length(0, 254) email?: string;
  @ApiPropertyOptional({ example: '+976 11 123456', maxLength: 64 }) @IsOmittable() @IsString() @Length(0, 64) phone?: string;
}

export class SetContactPointsDto extends RequestIdDto {
  @ApiProperty({ type: [ContactPointDto], description: 'The whole list (replaces the previous one)' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ContactPointDto)
  contactPoints: ContactPointDto[];
}

export class RecordJointActivityDto extends RequestIdDto {
  @ApiProperty({ example: '2027-03-14' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: 'Joint operation against drug smuggling', maxLength: 300 }) @IsString() @Length(1, 300) title: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOmittable() @IsString() @Length(0, 5000) description?: string;
}

export class CompleteAnnualReviewDto extends RequestIdDto {
  @ApiProperty({ example: 'Two joint operations; information exchange works well.', minLength: 3, maxLength: 5000 }) @IsString() @Length(3, 5000) summary: string;
}

export class TerminateAgreementDto extends RequestIdDto {
  @ApiProperty({ ...PARTY_DOC, description: 'Who gave notice of termination' }) @IsIn(PARTIES) initiatedBy: Party;
  @ApiProperty({ example: '2028-04-24', description: 'Date notice was given (not in the future)' }) @IsCalendarDate() noticeDate: string;
  @ApiProperty({ example: '2028-10-24', description: 'Date the termination takes effect (not before the notice); the workflow ends then' }) @IsCalendarDate() effectiveDate: string;
  @ApiProperty({ example: 'Replaced by a new agreement', minLength: 3, maxLength: 4000 }) @IsString() @Length(3, 4000) reason: string;
}
