import { SqlMigration } from '@newsroom/persistence';

/**
 * OpenID Connect sign-in: the provider identities (issuer + subject, OpenID Connect Core 1.0
 * §2: the pair names a person for good, unlike the e-mail address) linked to desk accounts,
 * at most one per account and issuer; and the sign-ins under way between the redirect to the
 * provider and its answer, keyed by the SHA-256 of the browser's flow cookie and used once.
 */
export class CreateOidcSignIn1764600000000 extends SqlMigration {
  protected readonly upStatements = [
    `CREATE TABLE account_identities (
       issuer text NOT NULL,
       subject text NOT NULL,
       account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
       linked_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (issuer, subject)
     )`,
    `CREATE UNIQUE INDEX account_identities_account_issuer_key ON account_identities (account_id, issuer)`,
    `CREATE TABLE oidc_flows (
       flow_hash text PRIMARY KEY,
       state text NOT NULL,
       nonce text NOT NULL,
       code_verifier text NOT NULL,
       return_to text,
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       used_at timestamptz
     )`,
    `CREATE INDEX oidc_flows_expires_idx ON oidc_flows (expires_at)`,
  ];

  protected readonly downStatements = [`DROP TABLE oidc_flows`, `DROP TABLE account_identities`];
}
