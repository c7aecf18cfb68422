import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { AuditLog } from '../../persistence/audit-log';
import { SessionsRepository } from '../../persistence/sessions.repository';
import { SignOutCommand } from './sign-out.command';

/** Revokes the session server-side: its cookie, and the access token cached for it, stop working. */
@Injectable()
export class SignOutUseCase {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLog,
  ) {}

  @Transactional()
  async execute(command: SignOutCommand): Promise<void> {
    if (await this.sessions.revoke(command.sessionId)) {
      await this.audit.record({ action: 'sign-out', actorId: command.accountId, accountId: command.accountId, details: { sessionId: command.sessionId } });
    }
  }
}
