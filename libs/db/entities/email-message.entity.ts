import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EmailMessageStatus = 'sending' | 'retrying' | 'sent' | 'failed';

/**
 * Outbox and idempotency log: one row per message, keyed by its idempotency key (task, recipient, purpose,
 * attempt). `sending` with a live lease means an attempt is in flight; a row left `sending` past its lease means
 * an attempt died, possibly after the server accepted the message.
 */
@Entity({ name: 'email_messages' })
export class EmailMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 48 })
  template: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId: string | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 128, nullable: true })
  workflowId: string | null;

  /** Derived from the idempotency key; the same on every attempt. */
  @Column({ name: 'message_id', type: 'varchar', length: 255 })
  messageId: string;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'varchar', length: 16, default: 'sending' })
  status: EmailMessageStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'smtp_response', type: 'text', nullable: true })
  smtpResponse: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
