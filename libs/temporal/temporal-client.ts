import { Client, Connection } from '@temporalio/client';
import { TemporalConfig } from '../config';
import { describeTemporalError, temporalConnectionSettings } from './connection-options';

export class TemporalUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporalUnavailableError';
  }
}

/**
 * Connects and checks that the namespace exists, so a wrong address or namespace is reported at start, once and
 * clearly, instead of as the first failed request.
 */
export async function connectTemporalClient(cfg: TemporalConfig): Promise<Client> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ ...temporalConnectionSettings(cfg), connectTimeout: cfg.connectTimeoutMs });
    await connection.withDeadline(Date.now() + cfg.connectTimeoutMs, () =>
      connection!.workflowService.describeNamespace({ namespace: cfg.namespace }),
    );
    return new Client({ connection, namespace: cfg.namespace });
  } catch (err) {
    await connection?.close().catch(() => undefined);
    throw new TemporalUnavailableError(describeTemporalError(err, cfg));
  }
}
