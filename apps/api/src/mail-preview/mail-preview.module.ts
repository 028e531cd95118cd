import { Module } from '@nestjs/common';
import { MailPreviewController } from './mail-preview.controller';
import { MailPreviewService } from './mail-preview.service';

@Module({ controllers: [MailPreviewController], providers: [MailPreviewService] })
export class MailPreviewModule {}
