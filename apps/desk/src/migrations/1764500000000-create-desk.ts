import { SqlMigration } from '@newsroom/persistence';

/**
 * Accounts, their invitations and sessions, and the audit trail. Invitation and session tokens
 * are stored as SHA-256 hashes: a copy of the table signs nobody in. E-mail addresses are unique
 * regardless of case.
 */
export class CreateDesk1764500000000 extends SqlMigration {
  protected readonly upStatements = [
    `CREATE TABLE accounts (
       id uuid PRIMARY KEY,
       email text NOT NULL,
       name text NOT NULL,
       roles text[] NOT NULL,
       password_hash text,
       disabled boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email))`,
    `CREATE TABLE invitations (
       token_hash text PRIMARY KEY,
       account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
       expires_at timestamptz NOT NULL,
       used_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX invitations_account_idx ON invitations (account_id)`,
    `CREATE TABLE sessions (
       id uuid PRIMARY KEY,
       token_hash text NOT NULL UNIQUE,
       account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
       csrf_token text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       last_seen_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       revoked_at timestamptz
     )`,
    `CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE revoked_at IS NULL`,
    `CREATE TABLE audit_log (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       action text NOT NULL,
       actor_id uuid,
       account_id uuid,
       email text,
       client_address text,
       details jsonb NOT NULL DEFAULT '{}'::jsonb
     )`,
    `CREATE INDEX audit_log_account_idx ON audit_log (account_id, at)`,
  ];

  protected readonly downStatements = [`DROP TABLE audit_log`, `DROP TABLE sessions`, `DROP TABLE invitations`, `DROP TABLE accounts`];
}
