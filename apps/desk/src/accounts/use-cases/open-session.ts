import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DeskConfig } from '../../config/desk.config';
import { DESK_CONFIG } from '../../shared/desk-config.token';
import type { Account } from '../domain/account';
import { randomToken, tokenHash } from '../domain/secrets';
import { SessionsRepository } from '../persistence/sessions.repository';
import type { NewSession } from './session-result';

/** Opens a session for an account that has just proved who it is (a password, an accepted invitation). */
@Injectable()
export class SessionOpener {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async open(account: Account): Promise<NewSession> {
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    await this.sessions.create({ id: randomUUID(), tokenHash: tokenHash(sessionToken), accountId: account.id, csrfToken, idleSeconds: this.config.sessionIdleSeconds });
    return { sessionToken, csrfToken, user: { ...account.asUser(), email: account.email } };
  }
}
