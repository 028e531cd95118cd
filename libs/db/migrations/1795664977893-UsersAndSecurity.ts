import { MigrationInterface, QueryRunner } from 'typeorm';

/** People, roles, delegations, sessions (refresh tokens), login attempts and the append-only audit trail. */
export class UsersAndSecurity1795664977893 implements MigrationInterface {
  name = 'UsersAndSecurity1795664977893';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(320) NOT NULL,
        name_mn varchar(200) NOT NULL,
        name_latin varchar(200) NOT NULL,
        language varchar(2) NOT NULL DEFAULT 'mn' CHECK (language IN ('mn', 'en')),
        division varchar(64) NULL,
        roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['officer', 'division_head', 'legal', 'finance',
          'deputy_commissioner', 'commissioner_general', 'leadership', 'admin']::text[]),
        supervisor_id uuid NULL REFERENCES users(id) ON DELETE SET NULL CHECK (supervisor_id <> id),
        active boolean NOT NULL DEFAULT true,
        password_hash text NULL,
        must_change_password boolean NOT NULL DEFAULT false,
        password_changed_at timestamptz NULL,
        session_version integer NOT NULL DEFAULT 0,
        create_request_id varchar(128) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz NULL
      )`);
    // Email is the login name: unique whatever its case.
    await q.query(`CREATE UNIQUE INDEX ux_users_email_lower ON users (lower(email))`);
    await q.query(`CREATE UNIQUE INDEX ux_users_create_request_id ON users (create_request_id) WHERE create_request_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_users_roles ON users USING gin (roles)`);
    await q.query(`CREATE INDEX ix_users_supervisor ON users (supervisor_id)`);

    await q.query(`
      CREATE TABLE delegations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegator_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        delegate_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason text NOT NULL DEFAULT '',
        created_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        create_request_id varchar(200) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        revoked_by uuid NULL REFERENCES users(id) ON DELETE SET NULL,
        CHECK (ends_at > starts_at),
        CHECK (delegate_id <> delegator_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_delegations_create_request_id ON delegations (create_request_id) WHERE create_request_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_delegations_delegator_period ON delegations (delegator_id, starts_at, ends_at) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX ix_delegations_delegate ON delegations (delegate_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        parent_id uuid NULL,
        token_hash char(64) NOT NULL,
        provider varchar(32) NOT NULL DEFAULT 'password',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoke_reason varchar(32) NULL,
        ip varchar(64) NULL,
        user_agent varchar(512) NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_refresh_tokens_hash ON refresh_tokens (token_hash)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email varchar(320) NOT NULL,
        ip varchar(64) NULL,
        outcome varchar(16) NOT NULL CHECK (outcome IN ('success', 'bad_credentials', 'locked')),
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_login_attempts_email_time ON login_attempts (email, attempted_at)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NULL,
        on_behalf_of_id uuid NULL,
        action varchar(64) NOT NULL,
        outcome varchar(16) NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
        target_type varchar(48) NULL,
        target_id varchar(128) NULL,
        ip varchar(64) NULL,
        user_agent varchar(512) NULL,
        request_id varchar(128) NULL,
        method varchar(8) NULL,
        path varchar(512) NULL,
        status integer NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_audit_events_time ON audit_events (occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_events_actor_time ON audit_events (actor_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_events_target ON audit_events (target_type, target_id)`);
    // The trail is evidence: the application may add to it, never rewrite it.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE delegations`);
    await q.query(`DROP TABLE users`);
  }
}
