import { Injectable } from '@nestjs/common';
import type { AccountName } from '../../domain/account';
import { AccountsRepository } from '../../persistence/accounts.repository';

/** Every account's display name by id, for any signed-in colleague: never an e-mail address, roles or status. */
@Injectable()
export class ListAccountNamesUseCase {
  constructor(private readonly accounts: AccountsRepository) {}

  async execute(): Promise<AccountName[]> {
    return this.accounts.names();
  }
}
