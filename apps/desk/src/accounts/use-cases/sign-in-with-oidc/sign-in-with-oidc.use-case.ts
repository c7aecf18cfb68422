import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/contracts';
import { IdentityProvider, type ProvenIdentity } from '../../../shared/identity-provider';
import { Account } from '../../domain/account';
import { sameSecret, tokenHash } from '../../domain/secrets';
import { AccountIdentitiesRepository } from '../../persistence/account-identities.repository';
import { AccountsRepository } from '../../persistence/accounts.repository';
import { AuditLog } from '../../persistence/audit-log';
import { InvitationsRepository } from '../../persistence/invitations.repository';
import { OidcFlowsRepository } from '../../persistence/oidc-flows.repository';
import { SessionOpener, type SignInRefusal } from '../open-session';
import type { NewSession } from '../session-result';
import { SignInWithOidcCommand } from './sign-in-with-oidc.command';

/** A session opened through the identity provider, and the desk path the person asked for first. */
export type OidcSession = NewSession & { returnTo?: string };

const START_AGAIN = 'Start again from the sign-in page.';

/**
 * Finishes a sign-in through the identity provider. The flow named by the browser's cookie is
 * used up first, whatever follows (400 OIDC.FLOW_UNKNOWN, OIDC.FLOW_USED, OIDC.FLOW_EXPIRED);
 * the answer's `state` must be that flow's (400 OIDC.STATE_MISMATCH); the provider's own checks
 * and refusals are IdentityProvider's. Then the person is mapped to an existing account — never
 * a new one:
 *
 * 1. an identity (issuer + subject) linked before names its account;
 * 2. otherwise the provider's e-mail address, only when it says `email_verified: true`, finds
 *    the account the way password sign-in does (any case), and the identity is linked to it
 *    for next time. An account still invited is activated so (the provider vouched for the
 *    invited address; its pending invitation links stop working). An account already linked
 *    to another identity of the same provider is not linked again.
 *
 * Refusals are 403 with the audit row `sign-in-refused` (method `oidc`): OIDC.NO_ACCOUNT,
 * OIDC.EMAIL_NOT_VERIFIED, OIDC.ACCOUNT_DISABLED, OIDC.LINKED_TO_ANOTHER_IDENTITY.
 */
@Injectable()
export class SignInWithOidcUseCase {
  constructor(
    private readonly provider: IdentityProvider,
    private readonly flows: OidcFlowsRepository,
    private readonly accounts: AccountsRepository,
    private readonly identities: AccountIdentitiesRepository,
    private readonly invitations: InvitationsRepository,
    private readonly audit: AuditLog,
    private readonly sessions: SessionOpener,
  ) {}

  async execute(command: SignInWithOidcCommand): Promise<OidcSession> {
    const consumed = command.flowToken ? await this.flows.consume(tokenHash(command.flowToken)) : { status: 'unknown' as const };
    if (consumed.status !== 'open') throw flowGone(consumed.status);
    const { flow } = consumed;
    const answer = new URLSearchParams(command.answer);
    if (!sameSecret(answer.get('state'), flow.state)) {
      throw new DomainError('OIDC.STATE_MISMATCH', `This answer from the identity provider does not belong to the sign-in this browser started. ${START_AGAIN}`, 'validation');
    }
    const identity = await this.provider.identify(answer, flow);
    const session = await this.sessions.openIfProven({ action: 'sign-in', method: 'oidc', clientAddress: command.clientAddress }, () =>
      this.accountOf(identity, command.clientAddress),
    );
    return { ...session, returnTo: flow.returnTo };
  }

  private async accountOf(identity: ProvenIdentity, clientAddress?: string): Promise<Account | SignInRefusal> {
    const linkedId = await this.identities.accountIdOf(identity);
    const account = linkedId ? await this.accounts.byId(linkedId) : await this.accountByVerifiedEmail(identity);
    if (account === undefined) return refusal('unknown-email', identity.email);
    if (!(account instanceof Account)) return account;
    if (account.isDisabled) {
      return { reason: 'disabled', account, error: new DomainError('OIDC.ACCOUNT_DISABLED', 'Your desk account is disabled. Ask a desk admin if this is a mistake.', 'forbidden') };
    }
    if (linkedId) return account;
    if (await this.identities.accountHasIssuer(account.id, identity.issuer)) {
      const error = new DomainError(
        'OIDC.LINKED_TO_ANOTHER_IDENTITY',
        `The desk account for ${account.email} signs in with another identity at this provider. Ask a desk admin.`,
        'forbidden',
      );
      return { reason: 'linked-to-another-identity', account, error };
    }
    account.linkProviderIdentity();
    if (!(await this.identities.link(identity, account.id))) {
      throw new DomainError('OIDC.LINK_CONFLICT', `Another sign-in linked this identity at the same moment. ${START_AGAIN}`, 'conflict');
    }
    // Activated through the provider: the invitation's link has nothing left to do.
    if (!account.passwordHash) await this.invitations.withdrawAllOf(account.id);
    await this.audit.record({
      action: 'identity-linked',
      actorId: account.id,
      accountId: account.id,
      email: account.email,
      clientAddress,
      details: { issuer: identity.issuer, subject: identity.subject },
    });
    return account;
  }

  /** The account of a verified address, locked for linking; a refusal when the provider did not verify it. */
  private async accountByVerifiedEmail(identity: ProvenIdentity): Promise<Account | SignInRefusal | undefined> {
    if (!identity.email || !identity.emailVerified) return refusal('email-not-verified', identity.email);
    const found = await this.accounts.byEmail(identity.email);
    return found && this.accounts.byId(found.id, { forUpdate: true });
  }
}

function flowGone(status: 'used' | 'expired' | 'unknown'): DomainError {
  switch (status) {
    case 'used':
      return new DomainError('OIDC.FLOW_USED', `This sign-in has been answered already. ${START_AGAIN}`, 'validation');
    case 'expired':
      return new DomainError('OIDC.FLOW_EXPIRED', `This sign-in took too long. ${START_AGAIN}`, 'validation');
    case 'unknown':
      return new DomainError('OIDC.FLOW_UNKNOWN', `This sign-in was not started in this browser, or its cookie is gone. ${START_AGAIN}`, 'validation');
  }
}

function refusal(reason: 'unknown-email' | 'email-not-verified', email: string | undefined): SignInRefusal {
  const error =
    reason === 'unknown-email'
      ? new DomainError('OIDC.NO_ACCOUNT', `No desk account has the address ${email}. There is no self-registration: ask a desk admin to invite you.`, 'forbidden')
      : new DomainError(
          'OIDC.EMAIL_NOT_VERIFIED',
          `The identity provider does not vouch for ${email ? `the address ${email}` : 'an e-mail address'} (email_verified), so the desk cannot tell which account is yours.`,
          'forbidden',
        );
  return { reason, email, error };
}
