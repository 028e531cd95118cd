import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { ROLE_NAMES } from '../../../../../libs/domain';
import type { RoleName } from '../../../../../libs/domain';
import { DIVISION_MESSAGE, DIVISION_PATTERN } from './user-fields';
import { IsOmittable } from '../../common/validation/is-omittable.decorator';

/** Only the fields given change; `null` clears division or supervisor. Activation has its own routes. */
export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  nameMn?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  nameLatin?: string;

  @ApiPropertyOptional({ enum: ['mn', 'en'] })
  @IsOmittable()
  @IsIn(['mn', 'en'])
  language?: 'mn' | 'en';

  @ApiPropertyOptional({ nullable: true, example: 'legal' })
  @ValidateIf((o: UpdateUserDto) => o.division !== undefined && o.division !== null)
  @Matches(DIVISION_PATTERN, { message: DIVISION_MESSAGE })
  division?: string | null;

  @ApiPropertyOptional({ enum: ROLE_NAMES, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ROLE_NAMES.length)
  @ArrayUnique()
  @IsIn(ROLE_NAMES, { each: true })
  roles?: RoleName[];

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @ValidateIf((o: UpdateUserDto) => o.supervisorId !== undefined && o.supervisorId !== null)
  @IsUUID()
  supervisorId?: string | null;
}
