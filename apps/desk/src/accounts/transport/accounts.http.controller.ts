import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@newsroom/auth';
import type { AccountView } from '../domain/account';
import { InviteAccountCommand } from '../use-cases/invite-account/invite-account.command';
import { InviteAccountUseCase, type InvitedAccount } from '../use-cases/invite-account/invite-account.use-case';
import { ListAccountsUseCase } from '../use-cases/list-accounts/list-accounts.use-case';
import { ReinviteAccountCommand } from '../use-cases/reinvite-account/reinvite-account.command';
import { ReinviteAccountUseCase } from '../use-cases/reinvite-account/reinvite-account.use-case';
import type { ActiveSession } from '../use-cases/resolve-session/resolve-session.use-case';
import { UpdateAccountCommand } from '../use-cases/update-account/update-account.command';
import { UpdateAccountUseCase } from '../use-cases/update-account/update-account.use-case';
import { InviteAccountRequest, UpdateAccountRequest } from './desk.requests';
import { CurrentSession, DeskRoles, SessionGuard } from './session.guard';

/** Admins manage the desk's accounts. Every route needs an admin's session (and X-CSRF-Token for changes). */
@ApiTags('accounts')
@Public()
@UseGuards(SessionGuard)
@DeskRoles('admin')
@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly list: ListAccountsUseCase,
    private readonly invite: InviteAccountUseCase,
    private readonly update: UpdateAccountUseCase,
    private readonly reinvite: ReinviteAccountUseCase,
  ) {}

  /** Every account: {items: [{id, email, name, roles, disabled, active}]}. */
  @Get()
  @ApiOperation({ summary: 'List accounts' })
  async all(): Promise<{ items: AccountView[] }> {
    return { items: await this.list.execute() };
  }

  /**
   * Creates an account and e-mails its one-time invitation link: 201 {account, invitationUrl,
   * mailed}; 409 ACCOUNT.EMAIL_TAKEN. `mailed` is false when the SMTP server refused: the link
   * is in the answer, to pass on another way.
   */
  @Post()
  @ApiOperation({ summary: 'Invite someone (create their account)' })
  async create(@Body() body: InviteAccountRequest, @CurrentSession() session: ActiveSession): Promise<InvitedAccount & { mailed: boolean }> {
    return this.invite.execute(
      InviteAccountCommand.create({ adminId: session.user.id, adminName: session.user.name ?? session.user.email, email: body.email, name: body.name, roles: body.roles }),
    );
  }

  /**
   * A new invitation link for an account not activated yet (the first expired, or went astray):
   * earlier links stop working; 201 {account, invitationUrl, mailed}. 404 ACCOUNT.NOT_FOUND,
   * 409 ACCOUNT.ALREADY_ACTIVE, 409 ACCOUNT.DISABLED.
   */
  @Post(':id/invitation')
  @ApiOperation({ summary: 'Send a new invitation link to someone who has not accepted theirs' })
  async invitation(@Param('id', ParseUUIDPipe) id: string, @CurrentSession() session: ActiveSession): Promise<InvitedAccount & { mailed: boolean }> {
    return this.reinvite.execute(ReinviteAccountCommand.create({ adminId: session.user.id, adminName: session.user.name ?? session.user.email, accountId: id }));
  }

  /**
   * Changes roles and/or disables (or enables) an account: 200 with the account. Disabling ends
   * its sessions at once; a token already minted for it works until it expires (at most 5 minutes).
   */
  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, disable or enable an account' })
  async change(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAccountRequest, @CurrentSession() session: ActiveSession): Promise<AccountView> {
    return this.update.execute(UpdateAccountCommand.create({ adminId: session.user.id, accountId: id, roles: body.roles, disabled: body.disabled }));
  }
}
