import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../../libs/config';
import { LastAdminError, UserAccountRepository, UserEntity } from '../../../../libs/db';
import { AuditService } from '../audit/audit.service';
import { toMeDto } from '../auth/auth.service';
import { generateOneTimePassword } from '../auth/one-time-password';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';
import { SessionService } from '../auth/session.service';
import type { CurrentUserInfo } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { CreatedUserDto, OneTimePasswordDto, UserDto, UserPageDto } from './dto/user.dto';
import { UserListQuery } from './dto/user-list.query';

export function toUserDto(u: UserEntity): UserDto {
  return {
    ...toMeDto(u),
    active: u.active,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
  };
}

/** People administration (admins): create, edit, deactivate, reset passwords. */
@Injectable()
export class UsersService {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(q: UserListQuery): Promise<UserPageDto> {
    const { items, total } = await this.accounts.list({
      role: q.role,
      division: q.division,
      active: q.active === undefined ? undefined : q.active === 'true',
      q: q.q,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
    return { items: items.map(toUserDto), total };
  }

  async get(id: string): Promise<UserDto> {
    return toUserDto(await this.require(id));
  }

  /**
   * Creates the account once per email. A retry with the same request id returns the same person (200, without
   * the password again); the same email from another request is a conflict.
   */
  async create(dto: CreateUserDto): Promise<{ user: CreatedUserDto; created: boolean }> {
    if (dto.supervisorId) await this.requireSupervisor(dto.supervisorId);
    if (dto.password) {
      const problems = passwordProblems(dto.password, { minLength: this.config.auth.passwordMinLength, email: dto.email });
      if (problems.length) throw ApiError.validation(problems.map((reason) => ({ field: 'password', reason })));
    }
    const oneTimePassword = dto.password ? undefined : generateOneTimePassword();
    const { user, created } = await this.accounts.createOnce({
      email: dto.email,
      nameMn: dto.nameMn.trim(),
      nameLatin: dto.nameLatin.trim(),
      language: dto.language ?? 'mn',
      division: dto.division ?? null,
      roles: dto.roles,
      supervisorId: dto.supervisorId ?? null,
      passwordHash: await this.hasher.hash(dto.password ?? oneTimePassword!),
      mustChangePassword: !dto.password,
      createRequestId: dto.requestId ?? null,
    });
    if (!created) {
      const sameRequest = dto.requestId !== undefined && user.createRequestId === dto.requestId && user.email.toLowerCase() === dto.email.trim().toLowerCase();
      if (!sameRequest) throw ApiError.conflict(user.createRequestId === dto.requestId ? 'requestId was already used for a different user' : 'a user with this email exists', { userId: user.id });
      return { user: toUserDto(user), created: false };
    }
    this.audit.annotate({ targetType: 'user', targetId: user.id, details: { roles: user.roles, division: user.division } });
    return { user: { ...toUserDto(user), ...(oneTimePassword ? { oneTimePassword } : {}) }, created: true };
  }

  async update(actor: CurrentUserInfo, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const changed = Object.keys(dto).filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    if (!changed.length) throw ApiError.validation([{ field: 'body', reason: 'give at least one field to change' }]);
    const before = await this.require(id);
    if (dto.supervisorId) {
      await this.requireSupervisor(dto.supervisorId);
      if (await this.accounts.wouldCreateSupervisorCycle(id, dto.supervisorId)) {
        throw ApiError.validation([{ field: 'supervisorId', reason: 'would make the person their own (indirect) supervisor' }]);
      }
    }
    if (dto.roles && actor.id === id && before.roles.includes('admin') && !dto.roles.includes('admin')) {
      throw ApiError.conflict('you cannot take away your own admin role; ask another admin');
    }
    const patch = Object.fromEntries(Object.entries({ ...dto, nameMn: dto.nameMn?.trim(), nameLatin: dto.nameLatin?.trim() }).filter(([, v]) => v !== undefined));
    const after = await this.guardLastAdmin(() => this.accounts.update(id, patch));
    this.audit.annotate({ targetType: 'user', targetId: id, details: { changed, ...(dto.roles ? { rolesBefore: before.roles, rolesAfter: after.roles } : {}) } });
    return toUserDto(after);
  }

  /** Ends every session at once (the session version bump kills access tokens; refresh tokens are revoked). */
  async deactivate(actor: CurrentUserInfo, id: string): Promise<UserDto> {
    if (actor.id === id) throw ApiError.conflict('you cannot deactivate yourself');
    await this.require(id);
    const after = await this.guardLastAdmin(() => this.accounts.update(id, { active: false }));
    await this.sessions.endAll(id, 'deactivated');
    this.audit.annotate({ targetType: 'user', targetId: id });
    return toUserDto(after);
  }

  async activate(id: string): Promise<UserDto> {
    await this.require(id);
    const after = (await this.accounts.update(id, { active: true }))!;
    this.audit.annotate({ targetType: 'user', targetId: id });
    return toUserDto(after);
  }

  /** A new one-time password; the person's sessions end and they must change it at the next sign-in. */
  async resetPassword(id: string): Promise<OneTimePasswordDto> {
    await this.require(id);
    const oneTimePassword = generateOneTimePassword();
    await this.accounts.setPassword(id, await this.hasher.hash(oneTimePassword), true);
    await this.sessions.endAll(id, 'password_changed');
    this.audit.annotate({ targetType: 'user', targetId: id });
    return { oneTimePassword };
  }

  private async require(id: string): Promise<UserEntity> {
    const u = await this.accounts.findById(id);
    if (!u) throw ApiError.notFound('user');
    return u;
  }

  private async requireSupervisor(id: string): Promise<void> {
    const s = await this.accounts.findById(id);
    if (!s?.active) throw ApiError.validation([{ field: 'supervisorId', reason: 'no active user has this id' }]);
  }

  private async guardLastAdmin(fn: () => Promise<UserEntity | null>): Promise<UserEntity> {
    try {
      const u = await fn();
      if (!u) throw ApiError.notFound('user');
      return u;
    } catch (err) {
      if (err instanceof LastAdminError) throw new ApiError(HttpStatus.CONFLICT, 'conflict', 'at least one active admin must remain');
      throw err;
    }
  }
}
