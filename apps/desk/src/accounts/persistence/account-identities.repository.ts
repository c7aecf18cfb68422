import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';

/** A person at the identity provider: the issuer and its subject identifier (OpenID Connect Core 1.0 §2). */
export interface ProviderSubject {
  issuer: string;
  subject: string;
}

/** The provider identities linked to desk accounts (account_identities); joins the open unit of work. */
@Injectable()
export class AccountIdentitiesRepository {
  constructor(private readonly unit: UnitOfWork) {}

  /** The account this identity is linked to, if any. */
  async accountIdOf(identity: ProviderSubject): Promise<string | undefined> {
    const rows = (await this.unit.manager.query(`SELECT account_id FROM account_identities WHERE issuer = $1 AND subject = $2`, [identity.issuer, identity.subject])) as {
      account_id: string;
    }[];
    return rows[0]?.account_id;
  }

  /** Whether the account is linked to some identity of this issuer already. */
  async accountHasIssuer(accountId: string, issuer: string): Promise<boolean> {
    const rows = (await this.unit.manager.query(`SELECT 1 FROM account_identities WHERE account_id = $1 AND issuer = $2`, [accountId, issuer])) as unknown[];
    return rows.length > 0;
  }

  /** Links the identity to the account; false when either is linked already (another sign-in got there first). */
  async link(identity: ProviderSubject, accountId: string): Promise<boolean> {
    const rows = (await this.unit.manager.query(
      `INSERT INTO account_identities (issuer, subject, account_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING account_id`,
      [identity.issuer, identity.subject, accountId],
    )) as unknown[];
    return rows.length === 1;
  }
}
