import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly client: Client,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs = 3000) {
    const check = this.indicator.check(key);
    try {
      const res = await this.client.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.client.connection.workflowService.getSystemInfo({}),
      );
      return check.up({ serverVersion: res.serverVersion || undefined });
    } catch (err) {
      return check.down({ message: (err as Error).message.split('\n')[0] });
    }
  }
}
