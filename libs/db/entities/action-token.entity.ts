import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ActionTokenStatus = 'active' | 'used' | 'revoked';

/**
 * A single-use emailed action link, bound to one task, assignee and action. Only the SHA-256 of the token is
 * kept. Expiry is a time, not a status: a GET must never write, so an old link stays `active` and past its time.
 */
@Entity({ name: 'action_tokens' })
@Index(['taskId', 'status'])
export class ActionTokenEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'assignee_id', type: 'uuid' })
  assigneeId: string;

  @Column({ name: 'assignee_name', type: 'varchar', length: 200, nullable: true })
  assigneeName: string | null;

  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ name: 'label_mn', type: 'varchar', length: 200 })
  labelMn: string;

  @Column({ name: 'label_en', type: 'varchar', length: 200 })
  labelEn: string;

  @Column({ name: 'comment_required', type: 'boolean', default: false })
  commentRequired: boolean;

  @Column({ type: 'varchar', length: 2, default: 'mn' })
  language: string;

  @Column({ name: 'email_idempotency_key', type: 'varchar', length: 200, nullable: true })
  emailIdempotencyKey: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: ActionTokenStatus;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'used_by', type: 'uuid', nullable: true })
  usedBy: string | null;

  /** The request that used this token, or that used a sibling and so closed this one. */
  @Column({ name: 'closed_request_id', type: 'varchar', length: 128, nullable: true })
  closedRequestId: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** superseded (a sibling link of the task was used), task_closed, reassigned, not_delivered, ... */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;
}
