import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import { Transactional } from '@newsroom/persistence';
import type { DeskConfig } from '../../../config/desk.config';
import { DESK_CONFIG } from '../../../shared/desk-config.token';
import { tokenHash } from '../../domain/secrets';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { SessionsRepository } from '../../persistence/sessions.repository';

/** The signed-in person behind a session cookie, as each request sees them. */
export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  user: AuthenticatedUser & { email: string };
}

/**
 * The live session a cookie value stands for, or undefined: unknown, signed out, idle too long,
 * or its account disabled since (checked on every request, so disabling works at once). Each
 * use moves the idle expiry on.
 */
@Injectable()
export class ResolveSessionUseCase {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly accounts: AccountsRepository,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  @Transactional()
  async execute(cookieValue: string): Promise<ActiveSession | undefined> {
    const session = await this.sessions.touch(tokenHash(cookieValue), this.config.sessionIdleSeconds);
    const account = session && (await this.accounts.byId(session.accountId));
    if (!session || !account || !account.canSignIn) return undefined;
    return { sessionId: session.id, csrfToken: session.csrfToken, user: { ...account.asUser(), email: account.email } };
  }
}
