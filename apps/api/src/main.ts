import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { checkDatabaseReachable, checkTemporalReachable, preflight } from '../../../libs/startup';
import { AppModule } from './app.module';
import { configureApiApp } from './bootstrap/configure-api-app';

async function bootstrap(): Promise<void> {
  process.env.ACCORD_PROCESS_NAME ??= 'accord-api';
  const config = await preflight('accord-api', [checkDatabaseReachable, checkTemporalReachable]);
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  configureApiApp(app, config);
  await app.listen(config.api.port, config.api.host);
  process.stdout.write(
    JSON.stringify({ level: 30, time: new Date().toISOString(), app: 'accord-api', msg: 'listening', url: config.api.publicUrl, docs: `${config.api.publicUrl}/docs` }) + '\n',
  );
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`accord-api: cannot start: ${err.message.split('\n')[0]}\n`);
  process.exit(1);
});
