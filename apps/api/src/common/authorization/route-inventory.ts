import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE } from './access.decorator';
import { AccessRule } from './access-rule';
import { RATE_LIMITED } from './rate-limit.decorator';

export interface RouteInfo {
  method: string;
  /** Full path as served, with `:param` placeholders, e.g. `/api/v1/proposals/:id`. */
  path: string;
  controller: string;
  handler: string;
  rule: AccessRule | undefined;
  /** A named limit the route is under beyond the general ones (`@RateLimited('login')`). */
  rateLimit?: string;
}

export interface RoutePrefix {
  prefix: string;
  /** Routes served without the prefix (e.g. GET /health). */
  excluded: { path: string; method: RequestMethod }[];
}

/**
 * Every HTTP route of the running app, with its declared access rule, found from the controllers Nest loaded.
 * The access table test and the start-up check both use it, so a route cannot hide from either.
 */
export function listRoutes(app: INestApplication, prefix: RoutePrefix): RouteInfo[] {
  return discoverRoutes({ discovery: app.get(DiscoveryService), scanner: app.get(MetadataScanner), reflector: app.get(Reflector) }, prefix);
}

export function discoverRoutes(
  { discovery, scanner, reflector }: { discovery: DiscoveryService; scanner: MetadataScanner; reflector: Reflector },
  { prefix, excluded }: RoutePrefix,
): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!type || !wrapper.instance) continue;
    const ctrlPaths = asArray(Reflect.getMetadata(PATH_METADATA, type) ?? '/');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(wrapper.instance))) {
      const handler = (wrapper.instance as Record<string, unknown>)[name] as Function;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPath === undefined) continue;
      const method: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler) ?? RequestMethod.GET;
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, type]);
      const rateLimit = reflector.getAllAndOverride<string | undefined>(RATE_LIMITED, [handler, type]);
      for (const c of ctrlPaths) {
        for (const m of asArray(methodPath)) {
          const local = join(c, m);
          const isExcluded = excluded.some((e) => join(e.path) === local && (e.method === method || e.method === RequestMethod.ALL));
          routes.push({ method: RequestMethod[method], path: isExcluded ? local : join(prefix, local), controller: type.name, handler: name, rule, ...(rateLimit ? { rateLimit } : {}) });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function asArray(v: string | string[]): string[] {
  return Array.isArray(v) ? v : [v];
}

function join(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}
