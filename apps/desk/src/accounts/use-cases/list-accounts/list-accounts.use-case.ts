import { Injectable } from '@nestjs/common';
import type { AccountView } from '../../domain/account';
import { AccountsRepository } from '../../persistence/accounts.repository';

/** Every account, by e-mail address, for admins. */
@Injectable()
export class ListAccountsUseCase {
  constructor(private readonly accounts: AccountsRepository) {}

  async execute(): Promise<AccountView[]> {
    return (await this.accounts.list()).map((account) => account.view());
  }
}
