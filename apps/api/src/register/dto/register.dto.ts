import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BilingualDto } from '../../dashboard/dto/dashboard.dto';
import { REGISTER_CATEGORIES, REGISTER_INSTRUMENT_TYPES, REGISTER_STATUSES } from '../register-entry';

export class RegisterAnnexDto {
  @ApiProperty({ example: 'B.1' }) code: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
}

export class RegisterActDto {
  @ApiProperty({ example: '12', description: 'Number of the law (or resolution) of accession or ratification' }) number: string;
  @ApiPropertyOptional({ example: '2008-05-22', nullable: true }) date: string | null;
}

export class RegisterDeadlineDto {
  @ApiProperty({ enum: ['notice_deadline', 'renewal', 'expiry', 'termination', 'annual_review'] }) kind: string;
  @ApiProperty({ example: '2030-12-01' }) date: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
}

/** One instrument that binds the country, or did. Dates are calendar dates (YYYY-MM-DD). */
export class RegisterEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The proposal (accession or agreement) the instrument is' }) id: string;
  @ApiProperty({ enum: REGISTER_CATEGORIES }) category: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty({ example: 'IN_FORCE' }) stage: string;
  @ApiProperty({ type: BilingualDto }) stageName: BilingualDto;
  @ApiProperty({ enum: REGISTER_STATUSES, description: 'Where it stands today (Ulaanbaatar date)' }) status: string;
  @ApiProperty({ type: BilingualDto }) statusLabel: BilingualDto;
  @ApiProperty({ enum: REGISTER_INSTRUMENT_TYPES }) instrumentType: string;
  @ApiProperty({ type: BilingualDto }) instrumentTypeLabel: BilingualDto;
  @ApiPropertyOptional({ example: 'RKC', nullable: true }) conventionCode: string | null;
  @ApiPropertyOptional({ example: 'RU', nullable: true }) counterpartCountry: string | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true }) counterpartCountryName: BilingualDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'Bilateral instruments: the counterpart authority' }) counterpartAuthority: string | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true, description: 'Conventions: the depositary' }) depositary: BilingualDto | null;
  @ApiPropertyOptional({ nullable: true, description: 'Conventions: deposit of the instrument of accession' }) depositDate: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Bilateral instruments: signature' }) signatureDate: string | null;
  @ApiPropertyOptional({ nullable: true }) entryIntoForce: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The day it stops binding (termination effective or expiry); null while open-ended' }) endDate: string | null;
  @ApiProperty({ type: [RegisterAnnexDto], description: 'Conventions: annexes binding the country' }) annexes: RegisterAnnexDto[];
  @ApiProperty({ type: [String], description: 'Conventions: reservations entered' }) reservations: string[];
  @ApiPropertyOptional({ type: RegisterActDto, nullable: true }) act: RegisterActDto | null;
  @ApiPropertyOptional({ type: BilingualDto, nullable: true, description: 'Validity and renewal rule in words' }) validity: BilingualDto | null;
  @ApiPropertyOptional({ type: RegisterDeadlineDto, nullable: true, description: 'Bilateral instruments in force: the next date to act on' }) nextDeadline: RegisterDeadlineDto | null;
  @ApiProperty({ description: 'Concluded before Accord and imported' }) imported: boolean;
}

export class RegisterListDto {
  @ApiProperty({ example: '2026-05-01', description: 'The Ulaanbaatar date statuses and deadlines are computed for' }) today: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [RegisterEntryDto] }) items: RegisterEntryDto[];
}

export class RegisterChoiceDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualDto }) name: BilingualDto;
}

export class RegisterFiltersDto {
  @ApiProperty({ type: [RegisterChoiceDto] }) categories: RegisterChoiceDto[];
  @ApiProperty({ type: [RegisterChoiceDto] }) statuses: RegisterChoiceDto[];
  @ApiProperty({ type: [RegisterChoiceDto], description: 'Counterpart countries present in the register' }) countries: RegisterChoiceDto[];
}
