import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import type { Account } from '../domain/account';
import { randomToken, tokenHash } from '../domain/secrets';
import { AuditLog } from '../persistence/audit-log';
import { SessionsRepository } from '../persistence/sessions.repository';
import type { NewSession } from './session-result';

/** How an account proved who it is: a password (`sign-in`) or an accepted invitation. */
export interface SessionProof {
  action: 'sign-in' | 'invitation-accepted';
  /** The client's address as the desk sees it (behind trusted proxies), for the audit trail. */
  clientAddress?: string;
}

/**
 * Opens a session for an account that has just proved who it is, and records how in the audit
 * trail in the same unit of work: no session is ever opened without its audit row. Call it
 * inside `UnitOfWork.run()`.
 */
@Injectable()
export class SessionOpener {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLog,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async open(account: Account, proof: SessionProof): Promise<NewSession> {
    await this.audit.record({ action: proof.action, actorId: account.id, accountId: account.id, email: account.email, clientAddress: proof.clientAddress });
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    await this.sessions.create({ id: randomUUID(), tokenHash: tokenHash(sessionToken), accountId: account.id, csrfToken, idleSeconds: this.config.sessionIdleSeconds });
    return { sessionToken, csrfToken, user: { ...account.asUser(), email: account.email } };
  }
}
