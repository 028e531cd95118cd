import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { UserAccountRepository, UserEntity } from '../../../../libs/db';
import { AuditService } from '../audit/audit.service';
import { currentRequestContext } from '../audit/request-context';
import type { CurrentUserInfo } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { SessionDto } from './dto/session.dto';
import { LoginLockoutService } from './login-lockout.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblems } from './password-policy';
import { IssuedSession, SessionService } from './session.service';
import { AccountLockedError, PasswordLoginStrategy } from './strategies/password-login.strategy';

export function toMeDto(u: UserEntity): MeDto {
  return {
    id: u.id,
    email: u.email,
    nameMn: u.nameMn,
    nameLatin: u.nameLatin,
    language: u.language,
    division: u.division,
    roles: u.roles,
    supervisorId: u.supervisorId,
    mustChangePassword: u.mustChangePassword,
  };
}

function toSessionDto(s: IssuedSession, user: UserEntity): SessionDto {
  return { ...s, refreshExpiresAt: s.refreshExpiresAt.toISOString(), user: toMeDto(user) };
}

/** Sign-in, refresh, sign-out and password change; each writes its own audit event with the detail that matters. */
@Injectable()
export class AuthService {
  constructor(
    private readonly passwordLogin: PasswordLoginStrategy,
    private readonly sessions: SessionService,
    private readonly accounts: UserAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockoutService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto): Promise<SessionDto> {
    const user = await this.passwordLogin.authenticate(dto);
    const session = await this.sessions.start(user, this.passwordLogin.provider);
    await this.audit.record({ action: 'auth.login', outcome: 'success', actorId: user.id, targetType: 'session', targetId: session.familyId, status: 200 });
    return toSessionDto(session, user);
  }

  async refresh(refreshToken: string | undefined): Promise<SessionDto> {
    if (!refreshToken) throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', 'no refresh token given');
    const result = await this.sessions.rotate(refreshToken);
    if ('problem' in result) {
      await this.audit.denied('auth.refresh', result.problem, { actorId: result.userId ?? null, status: 401, targetType: 'session', targetId: result.familyId ?? null });
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', result.problem === 'reused' ? 'refresh token reused; the session has been ended' : 'refresh token is not valid; sign in again');
    }
    return toSessionDto(result.session, result.user);
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    const ended = refreshToken ? await this.sessions.end(refreshToken) : null;
    await this.audit.record({ action: 'auth.logout', outcome: 'success', actorId: ended?.userId ?? currentRequestContext()?.actorId ?? null, targetType: 'session', targetId: ended?.familyId ?? null, status: 204 });
  }

  async me(user: CurrentUserInfo): Promise<MeDto> {
    const u = await this.accounts.findById(user.id);
    if (!u) throw ApiError.notFound('user');
    return toMeDto(u);
  }

  /**
   * Checks the current password (counted towards lockout like a sign-in), applies the policy to the new one, ends
   * every session of the person (other devices included) and opens a fresh one for the caller.
   */
  async changePassword(user: CurrentUserInfo, dto: ChangePasswordDto): Promise<SessionDto> {
    const ip = currentRequestContext()?.ip ?? null;
    const locked = await this.lockout.secondsLocked(user.email);
    if (locked > 0) {
      await this.audit.denied('auth.password_change', 'locked', { status: 429, targetType: 'user', targetId: user.id });
      throw new AccountLockedError(locked);
    }
    const account = await this.accounts.findWithPasswordById(user.id);
    if (!account?.passwordHash || !(await this.hasher.verify(account.passwordHash, dto.currentPassword))) {
      await this.lockout.record(user.email, ip, 'bad_credentials');
      await this.audit.denied('auth.password_change', 'bad_credentials', { status: 401, targetType: 'user', targetId: user.id });
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'invalid_credentials', 'the current password is wrong');
    }
    const problems = passwordProblems(dto.newPassword, { minLength: this.config.auth.passwordMinLength, email: user.email, previous: dto.currentPassword });
    if (problems.length) throw ApiError.validation(problems.map((reason) => ({ field: 'newPassword', reason })));
    await this.accounts.setPassword(user.id, await this.hasher.hash(dto.newPassword), false);
    await this.sessions.endAll(user.id, 'password_changed');
    const fresh = (await this.accounts.findById(user.id))!;
    const session = await this.sessions.start(fresh, this.passwordLogin.provider);
    await this.audit.record({ action: 'auth.password_change', outcome: 'success', targetType: 'user', targetId: user.id, status: 200 });
    return toSessionDto(session, fresh);
  }
}
