import { UseCaseTestbed } from '@newsroom/test-harness';
import { refusal, type ProviderPerson, type TestIdentityProvider } from '@newsroom/testing';
import { deskTestbed, RecordingInvitationMailer } from '../../../../test/desk-testbed';
import { answerFromProvider, startDeskIdentityProvider } from '../../../../test/oidc-round-trip';
import { tokenHash } from '../../domain/secrets';
import { InviteAccountCommand } from '../invite-account/invite-account.command';
import { InviteAccountUseCase } from '../invite-account/invite-account.use-case';
import { ResolveSessionUseCase } from '../resolve-session/resolve-session.use-case';
import { StartOidcSignInCommand } from '../start-oidc-sign-in/start-oidc-sign-in.command';
import { StartOidcSignInUseCase } from '../start-oidc-sign-in/start-oidc-sign-in.use-case';
import { SignInWithOidcCommand } from './sign-in-with-oidc.command';
import { SignInWithOidcUseCase } from './sign-in-with-oidc.use-case';

const RITA = '22222222-2222-4222-8222-222222222222';

describe(SignInWithOidcUseCase.name, () => {
  let provider: TestIdentityProvider;
  let testbed: UseCaseTestbed;
  const finish = (flowToken: string | undefined, answer: string) =>
    testbed.get(SignInWithOidcUseCase).execute(SignInWithOidcCommand.create({ flowToken, answer, clientAddress: '192.0.2.7' }));
  const started = (returnTo?: string) => testbed.get(StartOidcSignInUseCase).execute(StartOidcSignInCommand.create({ returnTo }));
  /** A whole sign-in: the browser starts it, `person` signs in at the provider, the desk gets the answer. */
  const signInAs = async (person: ProviderPerson, returnTo?: string) => {
    provider.next = { person };
    const { providerUrl, flowToken } = await started(returnTo);
    return finish(flowToken, await answerFromProvider(providerUrl));
  };
  const rita = (overrides: Partial<ProviderPerson> = {}): ProviderPerson => ({ sub: 'rita-sub', email: 'Rita@DESK.test', email_verified: true, ...overrides });
  const identities = () => testbed.query(`SELECT issuer, subject, account_id FROM account_identities`);
  const refusals = () => testbed.query(`SELECT account_id, email, client_address, details FROM audit_log WHERE action = 'sign-in-refused'`);

  beforeAll(async () => {
    const oidc = await startDeskIdentityProvider();
    provider = oidc.provider;
    testbed = await UseCaseTestbed.start(deskTestbed('desk_sign_in_oidc', new RecordingInvitationMailer(), oidc.env));
  }, 60_000);
  afterAll(async () => {
    await testbed?.close();
    await provider?.close();
  });
  beforeEach(async () => {
    await testbed.reset();
    await testbed.query(`INSERT INTO accounts (id, email, name, roles, password_hash) VALUES ($1, 'rita@desk.test', 'Rita', '{reporter}', '$argon2id$x')`, [RITA]);
  });

  describe('mapping the person to an account', () => {
    it('finds the account by the verified address in any case, links the identity, opens a session and answers where to go', async () => {
      const session = await signInAs(rita(), '/stories/today');

      expect(session).toMatchObject({ returnTo: '/stories/today', user: { id: RITA, email: 'rita@desk.test', roles: ['reporter'] } });
      expect(await testbed.get(ResolveSessionUseCase).execute(session.sessionToken)).toMatchObject({ user: { id: RITA } });
      expect(await identities()).toEqual([{ issuer: provider.issuer, subject: 'rita-sub', account_id: RITA }]);
      expect(await testbed.query(`SELECT action, actor_id, client_address, details FROM audit_log ORDER BY id`)).toEqual([
        { action: 'identity-linked', actor_id: RITA, client_address: '192.0.2.7', details: { issuer: provider.issuer, subject: 'rita-sub' } },
        { action: 'sign-in', actor_id: RITA, client_address: '192.0.2.7', details: { method: 'oidc' } },
      ]);
    });

    it('finds a linked person by their subject, even under an address the provider has changed since, without linking again', async () => {
      await testbed.query(`INSERT INTO account_identities (issuer, subject, account_id) VALUES ($1, 'rita-sub', $2)`, [provider.issuer, RITA]);

      const session = await signInAs(rita({ email: 'rita.new@elsewhere.test', email_verified: false }));

      expect(session.user).toMatchObject({ id: RITA, email: 'rita@desk.test' });
      expect(await testbed.query(`SELECT action FROM audit_log ORDER BY id`)).toEqual([{ action: 'sign-in' }]);
    });

    it('activates an invited account, and withdraws its invitation link', async () => {
      const invited = await testbed
        .get(InviteAccountUseCase)
        .execute(InviteAccountCommand.create({ adminId: RITA, adminName: 'Rita', email: 'new.reporter@desk.test', name: 'New Reporter', roles: ['reporter'] }));

      const session = await signInAs({ sub: 'new-sub', email: 'New.Reporter@desk.test', email_verified: true });

      expect(session.user).toMatchObject({ id: invited.account.id, email: 'new.reporter@desk.test' });
      expect(await testbed.query(`SELECT password_hash FROM accounts WHERE id = $1`, [invited.account.id])).toEqual([{ password_hash: null }]);
      expect(
        await testbed.query(`SELECT expires_at <= now() AS withdrawn FROM invitations WHERE token_hash = $1`, [tokenHash(invited.invitationUrl.split('/').pop() ?? '')]),
      ).toEqual([{ withdrawn: true }]);
    });
  });

  describe('refusing, with the reason in the audit trail and no session', () => {
    afterEach(async () => {
      expect(await testbed.query(`SELECT 1 FROM sessions`)).toEqual([]);
    });

    it('refuses an address no account has with OIDC.NO_ACCOUNT: there is no self-registration', async () => {
      expect(await refusal(signInAs(rita({ email: 'stranger@desk.test' })))).toMatchObject({ code: 'OIDC.NO_ACCOUNT', kind: 'forbidden' });
      expect(await refusals()).toEqual([{ account_id: null, email: 'stranger@desk.test', client_address: '192.0.2.7', details: { reason: 'unknown-email', method: 'oidc' } }]);
      expect(await testbed.query(`SELECT 1 FROM accounts WHERE email = 'stranger@desk.test'`)).toEqual([]);
    });

    it('refuses an address the provider does not vouch for with OIDC.EMAIL_NOT_VERIFIED, linking nothing', async () => {
      expect(await refusal(signInAs(rita({ email_verified: false })))).toMatchObject({ code: 'OIDC.EMAIL_NOT_VERIFIED', kind: 'forbidden' });
      expect(await refusals()).toEqual([{ account_id: null, email: 'Rita@DESK.test', client_address: '192.0.2.7', details: { reason: 'email-not-verified', method: 'oidc' } }]);
      expect(await identities()).toEqual([]);
    });

    it('refuses a disabled account with OIDC.ACCOUNT_DISABLED, even through a linked identity', async () => {
      await testbed.query(`INSERT INTO account_identities (issuer, subject, account_id) VALUES ($1, 'rita-sub', $2)`, [provider.issuer, RITA]);
      await testbed.query(`UPDATE accounts SET disabled = true`);

      expect(await refusal(signInAs(rita()))).toMatchObject({ code: 'OIDC.ACCOUNT_DISABLED', kind: 'forbidden' });
      expect(await refusals()).toEqual([{ account_id: RITA, email: 'rita@desk.test', client_address: '192.0.2.7', details: { reason: 'disabled', method: 'oidc' } }]);
    });

    it('refuses OIDC.LINKED_TO_ANOTHER_IDENTITY when the account signs in with another subject at this provider', async () => {
      await testbed.query(`INSERT INTO account_identities (issuer, subject, account_id) VALUES ($1, 'rita-first-sub', $2)`, [provider.issuer, RITA]);

      expect(await refusal(signInAs(rita({ sub: 'someone-else-sub' })))).toMatchObject({ code: 'OIDC.LINKED_TO_ANOTHER_IDENTITY', kind: 'forbidden' });
      expect(await refusals()).toEqual([{ account_id: RITA, email: 'rita@desk.test', client_address: '192.0.2.7', details: { reason: 'linked-to-another-identity', method: 'oidc' } }]);
      expect(await identities()).toEqual([{ issuer: provider.issuer, subject: 'rita-first-sub', account_id: RITA }]);
    });
  });

  describe('answering each sign-in once', () => {
    it('refuses a browser without the flow cookie, or with one the desk never set, with OIDC.FLOW_UNKNOWN', async () => {
      expect((await refusal(finish(undefined, 'code=c&state=s'))).code).toBe('OIDC.FLOW_UNKNOWN');
      expect((await refusal(finish('a-flow-token-the-desk-never-set', 'code=c&state=s'))).code).toBe('OIDC.FLOW_UNKNOWN');
    });

    it('refuses an answer whose state is another sign-in’s with OIDC.STATE_MISMATCH, and the flow is used up even so', async () => {
      const { flowToken } = await started();

      expect(await refusal(finish(flowToken, 'code=c&state=a-state-the-desk-never-sent'))).toMatchObject({ code: 'OIDC.STATE_MISMATCH', kind: 'validation' });
      expect(await testbed.query(`SELECT used_at IS NOT NULL AS used FROM oidc_flows WHERE flow_hash = $1`, [tokenHash(flowToken)])).toEqual([{ used: true }]);
      expect((await refusal(finish(flowToken, 'code=c&state=a-state-the-desk-never-sent'))).code).toBe('OIDC.FLOW_USED');
    });

    it('refuses the same answer a second time with OIDC.FLOW_USED, after a sign-in that worked', async () => {
      provider.next = { person: rita() };
      const { providerUrl, flowToken } = await started();
      const answer = await answerFromProvider(providerUrl);
      await finish(flowToken, answer);

      expect((await refusal(finish(flowToken, answer))).code).toBe('OIDC.FLOW_USED');
      expect(await testbed.query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 1 }]);
    });

    it('refuses a sign-in that took too long with OIDC.FLOW_EXPIRED', async () => {
      provider.next = { person: rita() };
      const { providerUrl, flowToken } = await started();
      const answer = await answerFromProvider(providerUrl);
      await testbed.query(`UPDATE oidc_flows SET expires_at = now() - interval '1 second'`);

      expect((await refusal(finish(flowToken, answer))).code).toBe('OIDC.FLOW_EXPIRED');
      expect(await testbed.query(`SELECT 1 FROM sessions`)).toEqual([]);
    });
  });
});
