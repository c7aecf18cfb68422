import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import type { AccountName } from '../domain/account';
import { ListAccountNamesUseCase } from '../use-cases/list-account-names/list-account-names.use-case';
import { SessionGuard } from './session.guard';

/**
 * Colleagues' names for anyone signed in, whatever their role: the services record people by
 * account id, and the web app shows the name in its place. Managing accounts stays with admins
 * (AccountsController).
 */
@ApiTags('accounts')
@Public()
@UseGuards(SessionGuard)
@Controller('api/accounts/names')
export class AccountNamesController {
  constructor(private readonly names: ListAccountNamesUseCase) {}

  /** Every account's {id, name}, disabled ones included: 200 {items}; 401 AUTH.NO_SESSION without a session. */
  @Get()
  @ApiOperation({ summary: "Colleagues' display names by account id" })
  async all(): Promise<{ items: AccountName[] }> {
    return { items: await this.names.execute() };
  }
}
