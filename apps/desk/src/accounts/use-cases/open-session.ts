import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DomainError } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import { Account } from '../domain/account';
import { randomToken, tokenHash } from '../domain/secrets';
import { AuditLog } from '../persistence/audit-log';
import { SessionsRepository } from '../persistence/sessions.repository';
import type { NewSession } from './session-result';

/**
 * How an account proved who it is: signing in (with a password or through the identity
 * provider: `method`) or accepting an invitation.
 */
export interface SessionProof {
  action: 'sign-in' | 'invitation-accepted';
  method: 'password' | 'oidc';
  /** The client's address as the desk sees it (behind trusted proxies), for the audit trail. */
  clientAddress?: string;
}

/** An attempt that proved nothing: why (for the audit trail) and what the person is told. */
export interface SignInRefusal {
  /** `details.reason` of the `sign-in-refused` audit row: unknown-email, wrong-password, disabled… */
  reason: string;
  account?: Account;
  /** The address tried, when there is no account to name. */
  email?: string;
  error: DomainError;
}

/**
 * Opens a session for an account that has just proved who it is, and records how in the audit
 * trail in the same unit of work: no session is ever opened without its audit row.
 */
@Injectable()
export class SessionOpener {
  constructor(
    private readonly unit: UnitOfWork,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLog,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  /**
   * Runs `prove` in one unit of work and opens the session of the account it answers in the same
   * one. A refusal it answers is recorded (`sign-in-refused`), committed, then thrown; an error it
   * throws rolls everything back.
   */
  async openIfProven(proof: SessionProof, prove: () => Promise<Account | SignInRefusal>): Promise<NewSession> {
    const outcome = await this.unit.run(async () => {
      const proven = await prove();
      if (proven instanceof Account) return this.open(proven, proof);
      await this.audit.record({
        action: 'sign-in-refused',
        accountId: proven.account?.id,
        email: proven.account?.email ?? proven.email,
        clientAddress: proof.clientAddress,
        details: { reason: proven.reason, method: proof.method },
      });
      return proven;
    });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  private async open(account: Account, proof: SessionProof): Promise<NewSession> {
    await this.audit.record({ action: proof.action, actorId: account.id, accountId: account.id, email: account.email, clientAddress: proof.clientAddress, details: { method: proof.method } });
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    await this.sessions.create({ id: randomUUID(), tokenHash: tokenHash(sessionToken), accountId: account.id, csrfToken, idleSeconds: this.config.sessionIdleSeconds });
    return { sessionToken, csrfToken, user: { ...account.asUser(), email: account.email } };
  }
}
