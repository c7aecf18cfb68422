import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import type { DeskConfig } from '../../../config/desk.config';
import { DESK_CONFIG } from '../../../shared/desk-config.token';
import { InvitationMailer } from '../../../shared/invitation-mailer';
import { Account, type AccountView } from '../../domain/account';
import { randomToken, tokenHash } from '../../domain/secrets';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';
import { InvitationsRepository } from '../../persistence/invitations.repository';
import { InviteAccountCommand } from './invite-account.command';

export interface InvitedAccount {
  account: AccountView;
  /** The one-time link `<DESK_PUBLIC_URL>/invitations/<token>`, also e-mailed. */
  invitationUrl: string;
}

/**
 * Creates the account (no password yet) and a one-time invitation, commits, then e-mails the
 * link. 409 ACCOUNT.EMAIL_TAKEN when the address has an account (any case). If the e-mail
 * cannot be sent the account stays, and the admin has the link in the answer: 502 would lose it.
 */
@Injectable()
export class InviteAccountUseCase {
  constructor(
    private readonly unit: UnitOfWork,
    private readonly accounts: AccountsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly audit: AuditLog,
    private readonly mailer: InvitationMailer,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async execute(command: InviteAccountCommand): Promise<InvitedAccount & { mailed: boolean }> {
    const account = Account.invite({ id: randomUUID(), email: command.email.trim(), name: command.name.trim(), roles: command.roles });
    const token = randomToken();
    await this.unit.run(async () => {
      if (!(await this.accounts.insert(account))) throw new DomainError('ACCOUNT.EMAIL_TAKEN', 'An account with this e-mail address exists already', 'conflict');
      await this.invitations.create({ tokenHash: tokenHash(token), accountId: account.id, validSeconds: this.config.invitationSeconds });
      await this.audit.record({ action: 'account-invited', actorId: command.adminId, accountId: account.id, email: account.email, details: { roles: command.roles } });
    });
    const invitationUrl = `${this.config.publicUrl}/invitations/${token}`;
    const view = account.view();
    const mailed = await this.mailer
      .send({ to: view.email, name: view.name, invitedBy: command.adminName, url: invitationUrl, validHours: Math.round(this.config.invitationSeconds / 3600) })
      .then(() => true)
      .catch(() => false);
    return { account: view, invitationUrl, mailed };
  }
}
