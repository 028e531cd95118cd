import { INestApplication } from '@nestjs/common';
import { API_PREFIX, PREFIX_EXCLUDED_ROUTES } from '../../apps/api/src/bootstrap/configure-api-app';
import { listRoutes, RouteInfo } from '../../apps/api/src/common/authorization/route-inventory';

/** Every route of the running app with its declared access rule (see route-inventory.ts). */
export function appRoutes(app: INestApplication): RouteInfo[] {
  return listRoutes(app, { prefix: API_PREFIX, excluded: PREFIX_EXCLUDED_ROUTES });
}

/** `METHOD /path` of every route express actually serves, read from its router after Nest mapped the controllers. */
export function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  const out = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // A route answering every method is a catch-all (Nest's not-found handling), not an endpoint.
    if (Object.keys(layer.route.methods).length > 10) continue;
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.add(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return [...out].sort();
}

/** A path with every `:param` filled, by default with a fresh random UUID (an id nobody owns). */
export function fillParams(path: string, value: () => string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, () => value());
}
