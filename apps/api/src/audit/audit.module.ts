import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditEventsController } from './audit-events.controller';
import { AuditTrailInterceptor } from './audit-trail.interceptor';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
