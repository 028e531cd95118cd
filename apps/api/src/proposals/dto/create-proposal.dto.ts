import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateProposalDto {
  @ApiProperty({ enum: ['accession'], example: 'accession', description: 'Kind of proposal' })
  @IsIn(['accession'])
  kind: 'accession';

  @ApiProperty({ example: 'Accession to the Revised Kyoto Convention', minLength: 3, maxLength: 300 })
  @IsString()
  @Length(3, 300)
  titleEn: string;

  @ApiProperty({ example: 'Киотогийн шинэчилсэн конвенцид нэгдэн орох тухай', minLength: 3, maxLength: 300 })
  @IsString()
  @Length(3, 300)
  titleMn: string;

  @ApiPropertyOptional({ example: 'Simplification and harmonisation of customs procedures', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiPropertyOptional({
    description: 'Client-chosen id of this create request; retrying with the same id returns the same proposal',
    example: 'c0a8012e-7b1f-4d7e-9a53-1f2b3c4d5e6f',
    maxLength: 128,
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,128}$/, { message: 'requestId must be 8-128 letters, digits or . _ : -' })
  requestId?: string;
}
