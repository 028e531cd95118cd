import { SetMetadata } from '@nestjs/common';

export const RATE_LIMITED = 'accord:rate-limited';

/** Named limits beyond the general write limit: `login` (per address) for credential checks. */
export type RateLimitName = 'login';

/** Puts a route under a named limit, e.g. `@RateLimited('login')` on sign-in. */
export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMITED, name);
