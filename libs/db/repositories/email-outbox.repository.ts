import { DataSource, Repository } from 'typeorm';
import { EmailMessageEntity } from '../entities/email-message.entity';

export interface EmailClaimRequest {
  idempotencyKey: string;
  template: string;
  language: string;
  recipient: string;
  proposalId?: string | null;
  workflowId?: string | null;
  messageId: string;
}

export type EmailClaim =
  /** This attempt may send. `previousAttemptDied`: an earlier attempt reached SMTP and never reported back. */
  | { outcome: 'claimed'; message: EmailMessageEntity; previousAttemptDied: boolean }
  | { outcome: 'already_sent'; message: EmailMessageEntity }
  /** Another attempt holds a live lease (an overlapping retry); try again later. */
  | { outcome: 'in_flight'; message: EmailMessageEntity }
  | { outcome: 'failed'; message: EmailMessageEntity };

/**
 * The email outbox and idempotency log. A message is claimed by one attempt at a time (a lease), marked sent
 * with the server's reply, or left for the next attempt with the error; a sent message is never claimed again.
 */
export class EmailOutboxRepository {
  private readonly messages: Repository<EmailMessageEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.messages = dataSource.getRepository(EmailMessageEntity);
  }

  /** Inserts the message on first sight, or takes it over when it waits for a retry or its last attempt died. */
  async claim(req: EmailClaimRequest, leaseMs: number): Promise<EmailClaim> {
    const rows: Array<{ id: string; previous_status: string | null }> = await this.dataSource.query(
      `WITH previous AS (SELECT status FROM email_messages WHERE idempotency_key = $1)
       INSERT INTO email_messages
         (idempotency_key, template, language, recipient, proposal_id, workflow_id, message_id, status, attempts, lease_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'sending', 1, now() + $8 * interval '1 millisecond')
       ON CONFLICT (idempotency_key) DO UPDATE
          SET status = 'sending', attempts = email_messages.attempts + 1, lease_until = EXCLUDED.lease_until,
              updated_at = now()
        WHERE email_messages.status = 'retrying'
           OR (email_messages.status = 'sending' AND email_messages.lease_until < now())
       RETURNING id, (SELECT status FROM previous) AS previous_status`,
      [req.idempotencyKey, req.template, req.language, req.recipient, req.proposalId ?? null, req.workflowId ?? null, req.messageId, leaseMs],
    );
    const message = await this.messages.findOneByOrFail({ idempotencyKey: req.idempotencyKey });
    if (rows.length) return { outcome: 'claimed', message, previousAttemptDied: rows[0].previous_status === 'sending' };
    if (message.status === 'sent') return { outcome: 'already_sent', message };
    if (message.status === 'failed') return { outcome: 'failed', message };
    return { outcome: 'in_flight', message };
  }

  /**
   * Extends the lease of the attempt that holds the message (named by its attempt number), while it is still
   * sending; false when the message is no longer that attempt's.
   */
  async renewLease(idempotencyKey: string, attempt: number, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE email_messages SET lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
        WHERE idempotency_key = $1 AND status = 'sending' AND attempts = $2
       RETURNING id`,
      [idempotencyKey, attempt, leaseMs],
    );
    return rows.length > 0;
  }

  async markSent(idempotencyKey: string, result: { subject: string; smtpResponse: string }): Promise<EmailMessageEntity> {
    await this.dataSource.query(
      `UPDATE email_messages
          SET status = 'sent', subject = $2, smtp_response = $3, sent_at = now(), lease_until = NULL, last_error = NULL,
              updated_at = now()
        WHERE idempotency_key = $1 AND status <> 'sent'`,
      [idempotencyKey, result.subject, result.smtpResponse.slice(0, 1000)],
    );
    return this.messages.findOneByOrFail({ idempotencyKey });
  }

  /** The attempt failed in a way the next one may not: free the message for it. */
  async markRetrying(idempotencyKey: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_messages SET status = 'retrying', last_error = $2, lease_until = NULL, updated_at = now()
        WHERE idempotency_key = $1 AND status = 'sending'`,
      [idempotencyKey, error.slice(0, 1000)],
    );
  }

  /** The message can never be sent as asked (bad data, recipient refused for good). */
  async markFailed(idempotencyKey: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_messages SET status = 'failed', last_error = $2, lease_until = NULL, updated_at = now()
        WHERE idempotency_key = $1 AND status <> 'sent'`,
      [idempotencyKey, error.slice(0, 1000)],
    );
  }

  findByKey(idempotencyKey: string): Promise<EmailMessageEntity | null> {
    return this.messages.findOneBy({ idempotencyKey });
  }

  listForProposal(proposalId: string): Promise<EmailMessageEntity[]> {
    return this.messages.find({ where: { proposalId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
