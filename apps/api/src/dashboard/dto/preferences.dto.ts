import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class PreferencesDto {
  @ApiProperty({ enum: ['mn', 'en'], description: 'Language of the web app and of your emails' })
  @IsIn(['mn', 'en'])
  language: 'mn' | 'en';
}
