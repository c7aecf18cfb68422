import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { PasswordHasher } from '../../domain/password-hasher';
import { AccountsRepository } from '../../persistence/accounts.repository';
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
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionOpener,
  ) {}

  async execute(command: SignInCommand): Promise<NewSession> {
    const account = await this.accounts.byEmail(command.email);
    // The hash is checked outside the transaction: it takes tens of milliseconds of CPU.
    const matches = await this.hasher.verify(account?.passwordHash ?? null, command.password);
    return this.sessions.openIfProven({ action: 'sign-in', method: 'password', clientAddress: command.clientAddress }, async () => {
      if (account && matches && account.canSignIn) return account;
      const reason = !account ? 'unknown-email' : account.isDisabled ? 'disabled' : !account.passwordHash ? 'not-activated' : 'wrong-password';
      return { reason, account, email: command.email, error: new DomainError('AUTH.BAD_CREDENTIALS', 'The e-mail address or the password is wrong', 'unauthorized') };
    });
  }
}
