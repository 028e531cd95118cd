import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailOutboxAndActionTokens1795665131586 implements MigrationInterface {
  name = 'MailOutboxAndActionTokens1795665131586';

  public async up(q: QueryRunner): Promise<void> {
    // One row per message Accord means to send, keyed by its idempotency key; a retried activity finds it here.
    await q.query(`
      CREATE TABLE email_messages (
        id bigserial PRIMARY KEY,
        idempotency_key varchar(200) NOT NULL,
        template varchar(48) NOT NULL,
        language varchar(2) NOT NULL,
        recipient varchar(320) NOT NULL,
        proposal_id uuid NULL,
        workflow_id varchar(128) NULL,
        message_id varchar(255) NOT NULL,
        subject text NULL,
        status varchar(16) NOT NULL DEFAULT 'sending'
          CHECK (status IN ('sending', 'retrying', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        lease_until timestamptz NULL,
        last_error text NULL,
        smtp_response text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_email_messages_idempotency_key ON email_messages (idempotency_key)`);
    await q.query(`CREATE INDEX ix_email_messages_proposal ON email_messages (proposal_id, created_at) WHERE proposal_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_email_messages_unsent ON email_messages (status) WHERE status <> 'sent'`);

    // Emailed action links. Only the SHA-256 of a token is stored: a leaked table opens no task.
    await q.query(`
      CREATE TABLE action_tokens (
        id bigserial PRIMARY KEY,
        token_hash char(64) NOT NULL,
        task_id varchar(200) NOT NULL,
        proposal_id uuid NOT NULL,
        assignee_id uuid NOT NULL,
        assignee_name varchar(200) NULL,
        action varchar(48) NOT NULL,
        label_mn varchar(200) NOT NULL,
        label_en varchar(200) NOT NULL,
        comment_required boolean NOT NULL DEFAULT false,
        language varchar(2) NOT NULL DEFAULT 'mn',
        email_idempotency_key varchar(200) NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'used', 'revoked')),
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        used_by uuid NULL,
        closed_request_id varchar(128) NULL,
        revoked_at timestamptz NULL,
        revoked_reason varchar(32) NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_action_tokens_hash ON action_tokens (token_hash)`);
    await q.query(`CREATE INDEX ix_action_tokens_task ON action_tokens (task_id, status)`);
    await q.query(`CREATE INDEX ix_action_tokens_email ON action_tokens (email_idempotency_key) WHERE email_idempotency_key IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE action_tokens`);
    await q.query(`DROP TABLE email_messages`);
  }
}
