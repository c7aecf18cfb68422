import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import type { DeskConfig } from '../../../config/desk.config';
import { DESK_CONFIG } from '../../../shared/desk-config.token';
import { InvitationMailer } from '../../../shared/invitation-mailer';
import { randomToken, tokenHash } from '../../domain/secrets';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';
import { InvitationsRepository } from '../../persistence/invitations.repository';
import { mailInvitation, type InvitedAccount } from '../invite-account/invite-account.use-case';
import { ReinviteAccountCommand } from './reinvite-account.command';

/**
 * A new one-time invitation for an account nobody has activated yet: the first link expired
 * (72 hours by default) or the e-mail went astray. Every
 * earlier unused link of the account stops working, so only the newest one is live. Commits,
 * then e-mails the link (the answer carries it too, as for a first invitation).
 *
 * 404 ACCOUNT.NOT_FOUND; 409 ACCOUNT.ALREADY_ACTIVE (they set a password or signed in through
 * the identity provider: nothing to invite to); 409 ACCOUNT.DISABLED (enable it first).
 */
@Injectable()
export class ReinviteAccountUseCase {
  constructor(
    private readonly unit: UnitOfWork,
    private readonly accounts: AccountsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly audit: AuditLog,
    private readonly mailer: InvitationMailer,
    @Inject(DESK_CONFIG) private readonly config: DeskConfig,
  ) {}

  async execute(command: ReinviteAccountCommand): Promise<InvitedAccount & { mailed: boolean }> {
    const token = randomToken();
    const view = await this.unit.run(async () => {
      // The invitations first, then the account: the order accepting an invitation takes its
      // locks in, so the two at once wait for each other rather than deadlock. A refusal below
      // rolls the withdrawal back.
      await this.invitations.withdrawAllOf(command.accountId);
      const account = await this.accounts.byId(command.accountId, { forUpdate: true });
      if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', 'No such account', 'not_found');
      const current = account.view();
      if (current.active) throw new DomainError('ACCOUNT.ALREADY_ACTIVE', `${current.name} has set up their account already; they sign in as usual`, 'conflict');
      if (current.disabled) throw new DomainError('ACCOUNT.DISABLED', `${current.email} is disabled; enable the account before inviting them again`, 'conflict');
      await this.invitations.create({ tokenHash: tokenHash(token), accountId: account.id, validSeconds: this.config.invitationSeconds });
      await this.audit.record({ action: 'account-reinvited', actorId: command.adminId, accountId: account.id, email: current.email, details: {} });
      return current;
    });
    return { account: view, ...(await mailInvitation(this.mailer, this.config, view, token, command.adminName)) };
  }
}
