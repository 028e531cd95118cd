import { HttpStatus, Injectable } from '@nestjs/common';
import { TaskHandOverService } from '../proposals/task-handover.service';
import { DelegationEntity, DelegationRepository, UserDirectoryRepository } from '../../../../libs/db';
import { AuditService } from '../audit/audit.service';
import { AuthorizationService } from '../common/authorization/authorization.service';
import type { CurrentUserInfo } from '../common/authorization/current-user';
import { ApiError } from '../common/errors/api-error';
import { CreateDelegationDto } from './dto/create-delegation.dto';
import { DelegationDto } from './dto/delegation.dto';
import { DelegationListQuery } from './dto/delegation-list.query';

/** An absence longer than this is not a delegation but a change of role. */
const MAX_DELEGATION_DAYS = 366;

export function toDelegationDto(d: DelegationEntity, now = new Date()): DelegationDto {
  return {
    id: d.id,
    delegatorId: d.delegatorId,
    delegateId: d.delegateId,
    startsAt: d.startsAt.toISOString(),
    endsAt: d.endsAt.toISOString(),
    reason: d.reason,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    revokedAt: d.revokedAt?.toISOString() ?? null,
    revokedBy: d.revokedBy,
    active: !d.revokedAt && d.startsAt <= now && d.endsAt > now,
  };
}

/** Out-of-office delegation: a person (or an admin for them) names who receives their tasks for a period. */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly directory: UserDirectoryRepository,
    private readonly authz: AuthorizationService,
    private readonly audit: AuditService,
    private readonly handOver: TaskHandOverService,
  ) {}

  async list(user: CurrentUserInfo, q: DelegationListQuery): Promise<DelegationDto[]> {
    const includeRevoked = q.includeRevoked === 'true';
    if (q.scope === 'all' && !this.authz.hasRole(user, 'admin', 'leadership')) {
      await this.authz.refuse(user, HttpStatus.FORBIDDEN, 'delegations.list', 'role', { type: 'delegation', id: 'all' });
    }
    const rows = q.scope === 'all' ? await this.delegations.listAll(includeRevoked) : await this.delegations.listInvolving(user.id, includeRevoked);
    return rows.map((d) => toDelegationDto(d));
  }

  async create(user: CurrentUserInfo, dto: CreateDelegationDto): Promise<{ delegation: DelegationDto; created: boolean }> {
    const delegatorId = dto.delegatorId ?? user.id;
    if (delegatorId !== user.id && !this.authz.hasRole(user, 'admin')) {
      await this.authz.refuse(user, HttpStatus.FORBIDDEN, 'delegations.create', 'not_own', { type: 'user', id: delegatorId }, {}, 'only an admin may delegate for someone else');
    }
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const problems: { field: string; reason: string }[] = [];
    if (!(endsAt > startsAt)) problems.push({ field: 'endsAt', reason: 'must be after startsAt' });
    if (endsAt.getTime() <= Date.now()) problems.push({ field: 'endsAt', reason: 'must be in the future' });
    if (endsAt.getTime() - startsAt.getTime() > MAX_DELEGATION_DAYS * 86_400_000) problems.push({ field: 'endsAt', reason: `the period may be at most ${MAX_DELEGATION_DAYS} days` });
    if (dto.delegateId === delegatorId) problems.push({ field: 'delegateId', reason: 'must be someone else' });
    const [delegator, delegate] = await Promise.all([this.directory.findById(delegatorId), this.directory.findById(dto.delegateId)]);
    if (!delegator?.active) problems.push({ field: 'delegatorId', reason: 'no active user has this id' });
    if (!delegate?.active) problems.push({ field: 'delegateId', reason: 'no active user has this id' });
    if (problems.length) throw ApiError.validation(problems);

    const result = await this.delegations.create({
      delegatorId,
      delegateId: dto.delegateId,
      startsAt,
      endsAt,
      reason: dto.reason?.trim() ?? '',
      createdBy: user.id,
      createRequestId: dto.requestId ? `${user.id}:${dto.requestId}` : null,
    });
    const d = result.delegation;
    switch (result.outcome) {
      case 'overlap':
        throw ApiError.conflict('a delegation already covers part of this period', { delegationId: d.id });
      case 'circular':
        throw ApiError.conflict('the delegate has delegated to this person for part of the period', { delegationId: d.id });
      case 'existing':
        if (d.delegatorId !== delegatorId || d.delegateId !== dto.delegateId || +d.startsAt !== +startsAt || +d.endsAt !== +endsAt) {
          throw ApiError.conflict('requestId was already used for a different delegation', { delegationId: d.id });
        }
        return { delegation: toDelegationDto(d), created: false };
      case 'created': {
        // Already in force: the tasks the delegator holds now go to the delegate too (links revoked and re-sent).
        const movedTasks = d.startsAt.getTime() <= Date.now() ? await this.handOver.handOverOpenTasks(d.id, delegatorId, d.delegateId) : 0;
        this.audit.annotate({ targetType: 'delegation', targetId: d.id, details: { delegatorId, delegateId: d.delegateId, movedTasks } });
        return { delegation: toDelegationDto(d), created: true };
      }
    }
  }

  /** The delegator or an admin ends a delegation; the delegate can see it but not end it; others get 404. */
  async revoke(user: CurrentUserInfo, id: string): Promise<DelegationDto> {
    const d = await this.delegations.findById(id);
    const target = { type: 'delegation', id };
    const isAdmin = this.authz.hasRole(user, 'admin');
    if (!d || (!isAdmin && d.delegatorId !== user.id && d.delegateId !== user.id)) return this.authz.refuse(user, HttpStatus.NOT_FOUND, 'delegations.revoke', 'not_visible', target);
    if (!isAdmin && d.delegatorId !== user.id) await this.authz.refuse(user, HttpStatus.FORBIDDEN, 'delegations.revoke', 'not_own', target, {}, 'only the person who delegated, or an admin, may end it');
    const after = (await this.delegations.revoke(id, user.id))!;
    this.audit.annotate({ targetType: 'delegation', targetId: id });
    return toDelegationDto(after);
  }
}
