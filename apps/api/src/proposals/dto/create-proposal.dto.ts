import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { RequestIdDto } from './request-id.dto';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

export class CreateProposalDto extends RequestIdDto {
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
  @IsOmittable()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiPropertyOptional({ example: 'RKC', description: 'Code of the convention acceded to, from the convention catalogue: RKC, ISTANBUL, ATA or HS (any other: 400)' })
  @IsOmittable()
  @Matches(/^[A-Z0-9_]{2,32}$/, { message: 'conventionCode must be 2-32 capital letters, digits or _' })
  conventionCode?: string;
}
