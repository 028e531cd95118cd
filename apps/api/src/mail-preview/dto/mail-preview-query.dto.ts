import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class MailPreviewQueryDto {
  @ApiPropertyOptional({ enum: ['mn', 'en'], default: 'mn', description: 'Recipient language (the other one follows below)' })
  @IsOptional()
  @IsIn(['mn', 'en'])
  lang?: 'mn' | 'en';

  @ApiPropertyOptional({ enum: ['html', 'text', 'json'], default: 'html', description: 'html: the email as a page; text: the plain-text part; json: subject, html and text' })
  @IsOptional()
  @IsIn(['html', 'text', 'json'])
  format?: 'html' | 'text' | 'json';
}
