import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@newsroom/auth';
import type { DeskConfig } from '../../../config/desk.config';
import { DESK_CONFIG } from '../../../shared/desk-config.token';
import { tokenHash } from '../../domain/secrets';
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
 * use moves the idle expiry on. One statement reads the session, its account and moves the
 * expiry (`SessionsRepository.touch`): every proxied call of the desk comes through here.
 */
@Injectable()
export class ResolveSessionUseCase {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async execute(cookieValue: string): Promise<ActiveSession | undefined> {
    const found = await this.sessions.touch(tokenHash(cookieValue), this.config.sessionIdleSeconds);
    if (!found?.account.canSignIn) return undefined;
    const { session, account } = found;
    return { sessionId: session.id, csrfToken: session.csrfToken, user: { ...account.asUser(), email: account.email } };
  }
}
