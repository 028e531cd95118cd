import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { LoginAttemptRepository, LoginOutcome } from '../../../../libs/db';

/**
 * Temporary lockout per email after repeated failures (LOGIN_MAX_FAILURES within LOGIN_FAILURE_WINDOW_SECONDS locks
 * for LOGIN_LOCKOUT_SECONDS after the last one). It applies to unknown emails too, so it reveals nothing about which
 * accounts exist. The per-address rate limit on the route is the other half: it slows spraying many accounts.
 */
@Injectable()
export class LoginLockoutService {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Seconds until the email may try again, or 0 when it is not locked. */
  async secondsLocked(email: string): Promise<number> {
    const { maxFailures, failureWindowSeconds, lockoutSeconds } = this.config.auth.login;
    const recent = await this.attempts.recentFailures(email, failureWindowSeconds);
    if (recent.failures < maxFailures || recent.secondsSinceLastFailure === null) return 0;
    return Math.max(0, Math.ceil(lockoutSeconds - recent.secondsSinceLastFailure));
  }

  record(email: string, ip: string | null, outcome: LoginOutcome): Promise<void> {
    return this.attempts.record(email, ip, outcome);
  }
}
