import { ApiProperty } from '@nestjs/swagger';

export class MailTemplateSummaryDto {
  @ApiProperty({ example: 'task-assigned' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: { mn: '/api/v1/mail-preview/task-assigned?lang=mn', en: '/api/v1/mail-preview/task-assigned?lang=en' } })
  preview: { mn: string; en: string };
}

export class MailTemplateListDto {
  @ApiProperty({ type: [MailTemplateSummaryDto] }) templates: MailTemplateSummaryDto[];
}
