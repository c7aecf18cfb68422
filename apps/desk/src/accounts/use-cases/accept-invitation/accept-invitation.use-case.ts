import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { PasswordHasher } from '../../domain/password-hasher';
import { tokenHash } from '../../domain/secrets';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { InvitationsRepository } from '../../persistence/invitations.repository';
import { SessionOpener } from '../open-session';
import type { NewSession } from '../session-result';
import { AcceptInvitationCommand } from './accept-invitation.command';

/**
 * Uses up the invitation, sets the password (argon2id) and signs the person in. An unknown,
 * used or expired link, or one for a disabled account: 410 INVITATION.GONE.
 */
@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionOpener,
  ) {}

  async execute(command: AcceptInvitationCommand): Promise<NewSession> {
    const passwordHash = await this.hasher.hash(command.password);
    return this.sessions.openIfProven({ action: 'invitation-accepted', method: 'password', clientAddress: command.clientAddress }, async () => {
      const accountId = await this.invitations.consume(tokenHash(command.token));
      const account = accountId && (await this.accounts.byId(accountId, { forUpdate: true }));
      if (!account) throw new DomainError('INVITATION.GONE', 'This invitation link is unknown, used or expired; ask an admin for a new one', 'gone');
      account.activate(passwordHash, command.name);
      await this.accounts.update(account);
      return account;
    });
  }
}
