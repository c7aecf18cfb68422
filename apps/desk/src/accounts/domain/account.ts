import { DomainError } from '@newsroom/contracts';
import { ROLES, type AuthenticatedUser, type Role } from '@newsroom/auth';

/** What an account looks like to the desk's API (never the password hash). */
export interface AccountView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  /** False until the invitation has been accepted or the person signed in through the identity provider. */
  active: boolean;
}

/**
 * The one thing about an account every signed-in colleague may read: the services name people
 * by account id only (the `sub` of the tokens the desk mints), and the desk shows names instead.
 */
export interface AccountName {
  id: string;
  name: string;
}

export interface AccountState {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string | null;
  disabled: boolean;
  /** Whether an identity at the newsroom's OpenID Connect provider is linked (account_identities). */
  linkedToProvider: boolean;
}

/** The shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for 12). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * A person who works on the desk: invited by an admin with roles, active once they set a
 * password through the invitation, disabled (not deleted: the audit trail keeps naming them)
 * when they leave.
 */
export class Account {
  private constructor(private state: AccountState) {}

  static invite(input: { id: string; email: string; name: string; roles: Role[] }): Account {
    return new Account({ ...input, roles: checkedRoles(input.roles), passwordHash: null, disabled: false, linkedToProvider: false });
  }

  static restore(state: AccountState): Account {
    return new Account({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get email(): string {
    return this.state.email;
  }

  get isDisabled(): boolean {
    return this.state.disabled;
  }

  get passwordHash(): string | null {
    return this.state.passwordHash;
  }

  /** Whether this account may sign in at all: activated (a password, or an identity at the provider) and not disabled. */
  get canSignIn(): boolean {
    return this.isActive && !this.state.disabled;
  }

  private get isActive(): boolean {
    return this.state.passwordHash !== null || this.state.linkedToProvider;
  }

  /** Accepting the invitation: the password (already hashed) and optionally another display name. */
  activate(passwordHash: string, name?: string): void {
    if (this.state.disabled) throw new DomainError('INVITATION.GONE', 'This invitation is no longer valid', 'gone');
    this.state = { ...this.state, passwordHash, name: name?.trim() || this.state.name };
  }

  /**
   * The first sign-in through the identity provider links the person's identity there. It also
   * activates an account still invited: the provider has just vouched for the invited address.
   */
  linkProviderIdentity(): void {
    if (this.state.disabled) throw new DomainError('ACCOUNT.DISABLED', 'A disabled account cannot be linked', 'forbidden');
    this.state = { ...this.state, linkedToProvider: true };
  }

  changeRoles(roles: Role[]): void {
    this.state = { ...this.state, roles: checkedRoles(roles) };
  }

  /** Disabling takes effect at once for sessions; tokens already minted run out within their lifetime. */
  setDisabled(disabled: boolean, by: string): void {
    if (disabled && by === this.state.id) throw new DomainError('ACCOUNT.SELF_DISABLE', 'An admin cannot disable their own account', 'conflict');
    this.state = { ...this.state, disabled };
  }

  /** Whether removing `roles` would take the admin role from the acting admin themselves. */
  assertNotDemotingSelf(by: string, roles: Role[]): void {
    if (by === this.state.id && this.state.roles.includes('admin') && !roles.includes('admin')) {
      throw new DomainError('ACCOUNT.SELF_DEMOTION', 'An admin cannot take the admin role from their own account', 'conflict');
    }
  }

  asUser(): AuthenticatedUser {
    return { id: this.state.id, roles: [...this.state.roles], name: this.state.name };
  }

  view(): AccountView {
    const { id, email, name, roles, disabled } = this.state;
    return { id, email, name, roles: [...roles], disabled, active: this.isActive };
  }

  snapshot(): AccountState {
    return { ...this.state, roles: [...this.state.roles] };
  }
}

function checkedRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0 || !unique.every((role) => ROLES.includes(role))) {
    throw new DomainError('ACCOUNT.INVALID_ROLES', `Roles must be a non-empty list of ${ROLES.join(', ')}`, 'validation');
  }
  return unique;
}
