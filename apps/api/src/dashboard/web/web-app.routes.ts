import { RequestMethod } from '@nestjs/common';

/** The web app lives under /app (its pages use history routing); the API stays under /api/v1. */
export const WEB_APP_BASE = 'app';

/** Routes of the web app served outside the API prefix (added to configure-api-app's exclusions). */
export const WEB_APP_ROUTES = [
  { path: '/', method: RequestMethod.GET },
  { path: WEB_APP_BASE, method: RequestMethod.GET },
  { path: `${WEB_APP_BASE}/*path`, method: RequestMethod.GET },
];
