import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { UnitOfWork } from '@newsroom/persistence';
import { PasswordHasher } from '../../domain/password-hasher';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';
import { SessionOpener } from '../open-session';
import type { NewSession } from '../session-result';
import { SignInCommand } from './sign-in.command';

/**
 * Checks the password (argon2id) and opens a session. An unknown address, a wrong password, an
 * account still invited or a disabled one all get the same 401 AUTH.BAD_CREDENTIALS, after the
 * same work, so the answer tells nobody which addresses have accounts; the audit trail records
 * which it was.
 */
@Injectable()
export class SignInUseCase {
  constructor(
    private readonly unit: UnitOfWork,
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionOpener,
    private readonly audit: AuditLog,
  ) {}

  async execute(command: SignInCommand): Promise<NewSession> {
    const account = await this.accounts.byEmail(command.email);
    // The hash is checked outside the transaction: it takes tens of milliseconds of CPU.
    const matches = await this.hasher.verify(account?.passwordHash ?? null, command.password);
    return this.unit.run(async () => {
      if (!account || !matches || !account.canSignIn) {
        const reason = !account ? 'unknown-email' : account.isDisabled ? 'disabled' : !account.passwordHash ? 'not-activated' : 'wrong-password';
        await this.audit.record({ action: 'sign-in-refused', accountId: account?.id, email: command.email, clientAddress: command.clientAddress, details: { reason } });
        return undefined;
      }
      return this.sessions.open(account, { action: 'sign-in', clientAddress: command.clientAddress });
    }).then((session) => {
      if (!session) throw new DomainError('AUTH.BAD_CREDENTIALS', 'The e-mail address or the password is wrong', 'unauthorized');
      return session;
    });
  }
}
