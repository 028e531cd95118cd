import { HttpStatus, Injectable } from '@nestjs/common';
import { normalizeEmail, UserAccountRepository, UserEntity } from '../../../../../libs/db';
import { AuditService } from '../../audit/audit.service';
import { currentRequestContext } from '../../audit/request-context';
import { ApiError } from '../../common/errors/api-error';
import { LoginLockoutService } from '../login-lockout.service';
import { PasswordHasher } from '../password-hasher';
import { LoginStrategy } from './login-strategy';

export interface PasswordCredentials {
  email: string;
  password: string;
}

/** Thrown for a locked account; carries the wait for the Retry-After header. */
export class AccountLockedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'account_locked', undefined, { retryAfterSeconds });
  }
}

/**
 * Email + password (argon2id). Unknown email, inactive account, no password and wrong password all answer the same
 * 401 in about the same time; every attempt is recorded for lockout and audited.
 */
@Injectable()
export class PasswordLoginStrategy implements LoginStrategy<PasswordCredentials> {
  readonly provider = 'password';

  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockoutService,
    private readonly audit: AuditService,
  ) {}

  async authenticate({ email, password }: PasswordCredentials): Promise<UserEntity> {
    const ip = currentRequestContext()?.ip ?? null;
    const who = { email: normalizeEmail(email) };
    const locked = await this.lockout.secondsLocked(email);
    if (locked > 0) {
      await this.lockout.record(email, ip, 'locked');
      await this.audit.denied('auth.login', 'locked', { status: 429, targetType: 'account', details: who });
      throw new AccountLockedError(locked);
    }
    const user = await this.accounts.findWithPasswordByEmail(email);
    const ok = user?.active && user.passwordHash ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyNothing(password);
    if (!ok || !user) {
      await this.lockout.record(email, ip, 'bad_credentials');
      const nowLocked = (await this.lockout.secondsLocked(email)) > 0;
      await this.audit.denied('auth.login', user && !user.active ? 'inactive' : 'bad_credentials', {
        actorId: user?.id ?? null,
        status: 401,
        targetType: 'account',
        details: { ...who, lockedNow: nowLocked },
      });
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'invalid_credentials');
    }
    await this.lockout.record(email, ip, 'success');
    // Stronger argon2 settings since the hash was made: upgrade it now that the password is at hand.
    if (this.hasher.needsRehash(user.passwordHash!)) await this.accounts.upgradePasswordHash(user.id, await this.hasher.hash(password));
    delete user.passwordHash;
    return user;
  }
}
