import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Access } from '../common/authorization/access.decorator';
import { TemporalHealthIndicator } from './temporal.health-indicator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOperation({ summary: 'Reachability of PostgreSQL and Temporal (503 when either is down)' })
  check() {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 3000 }), () => this.temporal.isHealthy('temporal')]);
  }
}
