import { PickType } from '@nestjs/swagger';
import { AcceptInvitationCommand } from '../use-cases/accept-invitation/accept-invitation.command';
import { InviteAccountCommand } from '../use-cases/invite-account/invite-account.command';
import { SignInCommand } from '../use-cases/sign-in/sign-in.command';
import { UpdateAccountCommand } from '../use-cases/update-account/update-account.command';

// The request bodies are the commands' own fields with their rules: one place says what is valid.

/** POST /api/session {email, password} */
export class SignInRequest extends PickType(SignInCommand, ['email', 'password'] as const) {}

/** POST /api/accounts {email, name, roles} */
export class InviteAccountRequest extends PickType(InviteAccountCommand, ['email', 'name', 'roles'] as const) {}

/** PATCH /api/accounts/:id {roles?, disabled?} */
export class UpdateAccountRequest extends PickType(UpdateAccountCommand, ['roles', 'disabled'] as const) {}

/** POST /api/invitations/:token {password, name?}: the password at least 12 characters. */
export class AcceptInvitationRequest extends PickType(AcceptInvitationCommand, ['password', 'name'] as const) {}
