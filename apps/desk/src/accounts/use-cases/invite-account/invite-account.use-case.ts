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
    const view = account.view();
    return { account: view, ...(await mailInvitation(this.mailer, this.config, view, token, command.adminName)) };
  }
}

/**
 * E-mails `account` the one-time link of invitation `token`, after its unit of work committed:
 * the link (`<DESK_PUBLIC_URL>/invitations/<token>`), and whether the mail went. A mail that
 * could not be sent leaves the link to the admin to pass on, never an error that would lose it.
 */
export async function mailInvitation(
  mailer: InvitationMailer,
  config: Pick<DeskConfig, 'publicUrl' | 'invitationSeconds'>,
  account: AccountView,
  token: string,
  invitedBy: string,
): Promise<{ invitationUrl: string; mailed: boolean }> {
  const invitationUrl = `${config.publicUrl}/invitations/${token}`;
  const mailed = await mailer
    .send({ to: account.email, name: account.name, invitedBy, url: invitationUrl, validHours: Math.round(config.invitationSeconds / 3600) })
    .then(() => true)
    .catch(() => false);
  return { invitationUrl, mailed };
}
