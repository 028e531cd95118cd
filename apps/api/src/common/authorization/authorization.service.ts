import { HttpStatus, Injectable } from '@nestjs/common';
import { UserDirectoryRepository } from '../../../../../libs/db';
import { canReadProposal, RoleName } from '../../../../../libs/domain';
import { AuditService } from '../../audit/audit.service';
import { ApiError } from '../errors/api-error';
import { READ_ONLY_ROLES } from './access-rule';
import { CurrentUserInfo } from './current-user';

type Person = Pick<CurrentUserInfo, 'id' | 'roles' | 'division'>;

/** What the visibility rule needs of a proposal (or any division-owned record). */
export interface OwnedRecord {
  type: string;
  id: string;
  ownerId: string | null;
  division: string | null;
  /** People who hold or held a task on it: they may read it even from another division. */
  assigneeIds?: string[];
}

export interface AssignedTask {
  id: string;
  assigneeId: string | null;
  /** Set when the task was given to a delegate: the person it was meant for. */
  onBehalfOfId?: string | null;
}

export interface ApprovalSubject {
  type: string;
  id: string;
  /** Who created the proposal or trip. */
  createdBy: string | null;
  /** People travelling (trips): they may not approve their own travel either. */
  travellerIds?: string[];
}

/**
 * Object-level rules the services call after the route-level guard has let the request in. Every refusal is audited
 * here with its reason; a record the person may not read answers 404, so guessing ids reveals nothing.
 */
@Injectable()
export class AuthorizationService {
  constructor(
    private readonly directory: UserDirectoryRepository,
    private readonly audit: AuditService,
  ) {}

  hasRole(user: Pick<CurrentUserInfo, 'roles'>, ...roles: RoleName[]): boolean {
    return user.roles.some((r) => roles.includes(r));
  }

  /** Holds only read-only roles (leadership): sees everything, changes nothing. */
  isReadOnly(user: Pick<CurrentUserInfo, 'roles'>): boolean {
    return user.roles.length > 0 && user.roles.every((r) => READ_ONLY_ROLES.includes(r));
  }

  canRead(user: Person, record: OwnedRecord): boolean {
    return canReadProposal(user, { ownerId: record.ownerId, division: record.division, assigneeIds: record.assigneeIds ?? [] });
  }

  /** 404 (audited) unless the person may read the record. */
  async assertCanRead(user: Person, record: OwnedRecord): Promise<void> {
    if (this.canRead(user, record)) return;
    await this.refuse(user, HttpStatus.NOT_FOUND, `${record.type}.read`, 'not_visible', record);
  }

  canReadProposal(user: Person, p: Omit<OwnedRecord, 'type' | 'id'>): boolean {
    return this.canRead(user, { type: 'proposal', id: '', ...p });
  }

  assertCanReadProposal(user: Person, p: Omit<OwnedRecord, 'type'>): Promise<void> {
    return this.assertCanRead(user, { type: 'proposal', ...p });
  }

  /** Only the owner edits (their own draft; whether it is still a draft is the caller's domain rule). */
  async assertCanEdit(user: Person, record: OwnedRecord): Promise<void> {
    await this.assertCanRead(user, record);
    if (this.isReadOnly(user)) await this.refuse(user, HttpStatus.FORBIDDEN, `${record.type}.edit`, 'read_only_role', record);
    if (record.ownerId !== user.id) await this.refuse(user, HttpStatus.FORBIDDEN, `${record.type}.edit`, 'not_owner', record);
  }

  /**
   * The person may act on the task: it is assigned to them, or to someone who has delegated to them right now.
   * Returns who acts and on whose behalf, for the timeline. Anyone else gets 404 (audited).
   */
  async resolveTaskActor(user: Person, task: AssignedTask, at: Date = new Date()): Promise<{ actorId: string; onBehalfOfId: string | null }> {
    if (task.assigneeId && !this.isReadOnly(user)) {
      if (task.assigneeId === user.id) return { actorId: user.id, onBehalfOfId: task.onBehalfOfId ?? null };
      const cover = await this.directory.resolveAssignee(task.assigneeId, at);
      if (cover.assigneeId === user.id) return { actorId: user.id, onBehalfOfId: task.assigneeId };
    }
    return this.refuse(user, HttpStatus.NOT_FOUND, 'task.act', 'not_assignee', { type: 'task', id: task.id }, { assigneeId: task.assigneeId });
  }

  /**
   * Segregation of duties: nobody approves what they created or travel in, neither in person nor as a delegate for
   * someone who did (403, audited).
   */
  async assertNotSelfApproval(user: Person, subject: ApprovalSubject, onBehalfOfId: string | null = null): Promise<void> {
    const interested = new Set([subject.createdBy, ...(subject.travellerIds ?? [])].filter((x): x is string => !!x));
    const who = [user.id, onBehalfOfId].filter((x): x is string => !!x);
    if (who.some((id) => interested.has(id))) {
      await this.refuse(user, HttpStatus.FORBIDDEN, `${subject.type}.approve`, 'self_approval', subject, { onBehalfOfId }, 'you may not approve what you created or travel in');
    }
  }

  /** Audits the refusal (by this person) and throws it: 404 hides the record, 403 says the action is not yours. */
  async refuse(
    user: Pick<CurrentUserInfo, 'id'>,
    status: HttpStatus.NOT_FOUND | HttpStatus.FORBIDDEN,
    action: string,
    reason: string,
    target: { type: string; id: string },
    details: Record<string, unknown> = {},
    message?: string,
  ): Promise<never> {
    await this.audit.denied(action, reason, { actorId: user.id, status, targetType: target.type, targetId: target.id, details });
    throw status === HttpStatus.NOT_FOUND ? ApiError.notFound(target.type) : new ApiError(HttpStatus.FORBIDDEN, 'forbidden', message);
  }
}
