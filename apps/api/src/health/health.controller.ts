import { Controller, Get, HttpStatus, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Access } from '../common/authorization/access.decorator';
import { ApiError } from '../common/errors/api-error';
import { TemporalHealthIndicator } from './temporal.health-indicator';

const NAMES: Record<string, string> = { postgres: 'PostgreSQL', temporal: 'Temporal' };

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @Access('public')
  @HealthCheck()
  @ApiOperation({ summary: 'Reachability of PostgreSQL and Temporal (503 naming the one that is down)' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.db.pingCheck('postgres', { timeout: 3000 }), () => this.temporal.isHealthy('temporal')]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      // The common error body, naming what is down; the reasons (addresses, driver messages) go to the log only.
      const result = err.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      this.logger.warn({ down: result.error }, 'health check failed');
      const status = Object.fromEntries(Object.entries(result.details ?? {}).map(([name, d]) => [name, { status: d.status }]));
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', `not reachable: ${down.map((d) => NAMES[d] ?? d).join(', ')}`, status);
    }
  }
}
