import { ExecutionContext, Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../../../libs/config';
import { AccessTokenService } from '../../auth/access-token.service';
import { AuthModule } from '../../auth/auth.module';
import { AccessGuard } from './access.guard';
import { SAFE_METHODS } from './access-rule';
import { AuthorizationService } from './authorization.service';
import { DeclaredInputGuard } from './declared-input.guard';
import { PostgresThrottlerStorage } from './postgres-throttler-storage';
import { RATE_LIMITED, RateLimitName } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import { discoverRoutes } from './route-inventory';

/** Email action links live under this path and get their own, tighter limit per address. */
export const ACTION_LINKS_PATH = '/api/v1/actions';

function routeLimit(ctx: ExecutionContext): RateLimitName | undefined {
  return Reflect.getMetadata(RATE_LIMITED, ctx.getHandler()) ?? Reflect.getMetadata(RATE_LIMITED, ctx.getClass());
}

const request = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>();
const clientAddress = (req: Record<string, any>) => `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
// One counter per person or address across all routes, not @nestjs/throttler's default of one per route.
const perTracker = (_ctx: ExecutionContext, tracker: string, name: string) => `${name}|${tracker}`;

/**
 * Route-level security for the whole app, as global guards in this order: rate limits (before anything costs a
 * database query), authentication and the declared access rule, then refusal of undeclared input.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    AuthModule,
    ThrottlerModule.forRootAsync({
      imports: [AuthModule],
      inject: [APP_CONFIG, AccessTokenService, DataSource],
      useFactory: (cfg: AppConfig, tokens: AccessTokenService, ds: DataSource) => {
        const throttlers: ThrottlerOptions[] = [
          // Credential checks, per address; lockout per account is separate (LoginLockoutService).
          { name: 'login', limit: cfg.rateLimits.login.limit, ttl: cfg.rateLimits.login.ttlMs, skipIf: (ctx) => routeLimit(ctx) !== 'login', getTracker: clientAddress },
          {
            name: 'actions',
            limit: cfg.rateLimits.actions.limit,
            ttl: cfg.rateLimits.actions.ttlMs,
            skipIf: (ctx) => !(request(ctx).originalUrl ?? '').startsWith(ACTION_LINKS_PATH),
            getTracker: clientAddress,
          },
          {
            // Every write, per signed-in person (a verified token) or else per address.
            name: 'writes',
            limit: cfg.rateLimits.writes.limit,
            ttl: cfg.rateLimits.writes.ttlMs,
            skipIf: (ctx) => SAFE_METHODS.has(request(ctx).method),
            getTracker: (req) => {
              const token = AccessTokenService.bearer(req.headers?.authorization);
              const verified = token ? tokens.verify(token) : null;
              return verified && 'claims' in verified ? `user:${verified.claims.sub}` : clientAddress(req);
            },
          },
        ];
        // Counters in PostgreSQL, shared by every API process of the deployment: the processes that serve one
        // Temporal namespace and task queue (tests give each app a task queue, so their counters stay apart).
        const storage = new PostgresThrottlerStorage(ds, `${cfg.temporal.namespace}/${cfg.temporal.taskQueue}`);
        return { throttlers, generateKey: perTracker, storage, errorMessage: 'too many requests; try again later' };
      },
    }),
  ],
  providers: [
    AuthorizationService,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: DeclaredInputGuard },
  ],
  exports: [AuthorizationService],
})
export class AuthorizationModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthorizationModule.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** A route without an access rule is refused at every call; say so loudly at start rather than at first use. */
  onApplicationBootstrap(): void {
    const missing = discoverRoutes({ discovery: this.discovery, scanner: this.scanner, reflector: this.reflector }, { prefix: '', excluded: [] }).filter((r) => !r.rule);
    for (const r of missing) this.logger.error({ route: `${r.controller}.${r.handler}`, method: r.method, path: r.path }, 'route declares no @Access rule: every call is refused');
  }
}
