import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { Transactional } from '@newsroom/persistence';
import type { AccountView } from '../../domain/account';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';
import { SessionsRepository } from '../../persistence/sessions.repository';
import { UpdateAccountCommand } from './update-account.command';

/**
 * Changes roles and/or the disabled flag. Disabling revokes every session of the account in the
 * same transaction (its cookies stop working at once); roles take effect in the next access
 * token the desk mints (within 5 minutes). 404 ACCOUNT.NOT_FOUND; 409 when an admin would
 * disable or demote themselves (someone must remain able to administer the desk).
 */
@Injectable()
export class UpdateAccountUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditLog,
  ) {}

  @Transactional()
  async execute(command: UpdateAccountCommand): Promise<AccountView> {
    const account = await this.accounts.byId(command.accountId, { forUpdate: true });
    if (!account) throw new DomainError('ACCOUNT.NOT_FOUND', 'There is no account with this id', 'not_found');
    const before = account.view();
    if (command.roles) {
      account.assertNotDemotingSelf(command.adminId, command.roles);
      account.changeRoles(command.roles);
    }
    if (command.disabled !== undefined) account.setDisabled(command.disabled, command.adminId);
    await this.accounts.update(account);
    const after = account.view();
    const audit = { actorId: command.adminId, accountId: account.id, email: account.email };
    if (command.roles && before.roles.join() !== after.roles.join()) {
      await this.audit.record({ ...audit, action: 'account-roles-changed', details: { from: before.roles, to: after.roles } });
    }
    if (before.disabled !== after.disabled) {
      const revoked = after.disabled ? await this.sessions.revokeAllOf(account.id) : 0;
      await this.audit.record({ ...audit, action: after.disabled ? 'account-disabled' : 'account-enabled', details: after.disabled ? { sessionsRevoked: revoked } : {} });
    }
    return after;
  }
}
