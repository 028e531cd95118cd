import type { UserEntity } from '../../../../../libs/db';

/**
 * One way of proving who you are. Password sign-in is the first; single sign-on (OIDC, one strategy per identity
 * provider, e.g. `oidc:customs-ad`) adds a strategy that verifies the provider's ID token and maps it to a user.
 * Whatever the strategy, the session that follows is Accord's own (SessionService).
 */
export interface LoginStrategy<Credentials> {
  /** Recorded on the session, e.g. 'password' or 'oidc:<provider>'. */
  readonly provider: string;
  /** The active person these credentials prove, or an ApiError (401 wrong credentials, 429 locked). */
  authenticate(credentials: Credentials): Promise<UserEntity>;
}
