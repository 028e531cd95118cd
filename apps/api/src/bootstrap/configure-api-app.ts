import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../../../../libs/config';
import { requestContextMiddleware } from '../audit/request-context';
import { ApiError } from '../common/errors/api-error';
import { NoNulCharactersPipe } from '../common/validation/no-nul-characters.pipe';
import { ApiExceptionFilter } from '../common/errors/api-exception.filter';
import { toFieldProblems } from '../common/errors/validation-problems';
import { WEB_APP_ROUTES } from '../dashboard/web/web-app.routes';

export const API_PREFIX = 'api/v1';
/** Served without the prefix. */
export const PREFIX_EXCLUDED_ROUTES = [{ path: 'health', method: RequestMethod.GET }, ...WEB_APP_ROUTES];

/** Everything the HTTP app needs beyond its modules; shared by main.ts and the tests so both run the same app. */
export function configureApiApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.api.trustProxy);
  express.useBodyParser('json', { limit: config.api.bodyLimit });
  express.useBodyParser('urlencoded', { limit: config.api.bodyLimit, extended: false });
  app.use(cookieParser());
  // After the body parsers: they resume the request outside any async context opened before them.
  app.use(requestContextMiddleware);
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }));
  app.enableCors({ origin: config.api.corsOrigins.length ? config.api.corsOrigins : false, credentials: true });
  app.setGlobalPrefix(API_PREFIX, { exclude: PREFIX_EXCLUDED_ROUTES });
  app.useGlobalPipes(
    new NoNulCharactersPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => ApiError.validation(toFieldProblems(errors)),
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();

  const doc = new DocumentBuilder()
    .setTitle('Accord API')
    .setDescription('Workflow and approval engine for international proposals of the customs administration')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
}
