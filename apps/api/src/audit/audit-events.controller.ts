import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/authorization/access.decorator';
import { AuditEventQueryDto } from './dto/audit-event-query.dto';
import { AuditEventDto } from './dto/audit-event.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access({ roles: ['admin', 'leadership'] })
  @ApiOperation({ summary: 'The audit trail, newest first (admin and leadership)' })
  @ApiResponse({ status: 200, type: [AuditEventDto] })
  async list(@Query() q: AuditEventQueryDto): Promise<AuditEventDto[]> {
    const rows = await this.audit.find({ ...q, since: q.since ? new Date(q.since) : undefined, limit: q.limit ?? 100 });
    return rows.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }));
  }
}
