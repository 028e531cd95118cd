import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DelegationEntity, DelegationRepository, UserDirectoryRepository } from '../../../../libs/db';
import type { DelegationInput } from '../../../../libs/contracts';
import { DelegationWorkflowGateway } from '../../../../libs/temporal';
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

const workflowInput = (d: DelegationEntity): DelegationInput => ({
  delegationId: d.id,
  delegatorId: d.delegatorId,
  delegateId: d.delegateId,
  startsAt: d.startsAt.toISOString(),
  endsAt: d.endsAt.toISOString(),
});

/**
 * Out-of-office delegation: a person (or an admin for them) names who receives their tasks for a period. Tasks
 * opened in the period are routed to the delegate by the directory; the tasks the person already holds are moved by
 * the delegation's own workflow (`delegation-<id>`) when the period starts, and the ones still open go back when it
 * ends or is revoked.
 */
@Injectable()
export class DelegationsService {
  private readonly logger = new Logger(DelegationsService.name);

  constructor(
    private readonly delegations: DelegationRepository,
    private readonly directory: UserDirectoryRepository,
    private readonly authz: AuthorizationService,
    private readonly audit: AuditService,
    private readonly workflows: DelegationWorkflowGateway,
  ) {}

  /**
   * The row is stored first, then its workflow started; when Temporal cannot be reached the request fails with 503
   * and its retry (same requestId: outcome `existing`) starts the workflow. Starting is idempotent.
   */
  private async ensureWorkflow(d: DelegationEntity): Promise<void> {
    try {
      await this.workflows.ensureStarted(workflowInput(d));
    } catch (err) {
      this.logger.warn({ delegationId: d.id, err: (err as Error).message }, 'delegation workflow not started');
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', 'the delegation is saved but its hand-over could not be scheduled; retry with the same requestId', { delegationId: d.id });
    }
  }

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
        // Often a retry without a requestId of a create whose workflow could not be started: make sure it runs.
        await this.workflows.ensureStarted(workflowInput(d)).catch(() => undefined);
        throw ApiError.conflict('a delegation already covers part of this period', { delegationId: d.id });
      case 'circular':
        throw ApiError.conflict('the delegate has delegated to this person for part of the period', { delegationId: d.id });
      case 'existing':
        if (d.delegatorId !== delegatorId || d.delegateId !== dto.delegateId || +d.startsAt !== +startsAt || +d.endsAt !== +endsAt) {
          throw ApiError.conflict('requestId was already used for a different delegation', { delegationId: d.id });
        }
        // The first request may have stored the row and then failed to start the workflow: start it now.
        await this.ensureWorkflow(d);
        return { delegation: toDelegationDto(d), created: false };
      case 'created': {
        this.audit.annotate({ targetType: 'delegation', targetId: d.id, details: { delegatorId, delegateId: d.delegateId } });
        await this.ensureWorkflow(d);
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
    // Signalled on every revoke, a repeated one too: a retry delivers a signal the first request could not.
    try {
      await this.workflows.revoked(workflowInput(after), after.revokedBy ?? user.id);
    } catch (err) {
      this.logger.warn({ delegationId: id, err: (err as Error).message }, 'delegation workflow not signalled');
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'service_unavailable', 'the delegation is revoked but its tasks could not be handed back yet; retry the revocation', { delegationId: id });
    }
    return toDelegationDto(after);
  }
}
