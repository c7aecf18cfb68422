import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { UseCaseTestbed } from '@newsroom/test-harness';
import { freePort, refusal, type TestIdentityProvider } from '@newsroom/testing';
import { deskTestbed, RecordingInvitationMailer } from '../../../../test/desk-testbed';
import { startDeskIdentityProvider } from '../../../../test/oidc-round-trip';
import { tokenHash } from '../../domain/secrets';
import { StartOidcSignInCommand } from './start-oidc-sign-in.command';
import { OIDC_FLOW_SECONDS, StartOidcSignInUseCase } from './start-oidc-sign-in.use-case';

describe(StartOidcSignInUseCase.name, () => {
  let provider: TestIdentityProvider;
  let testbed: UseCaseTestbed;
  let down: Server;
  let unavailableIssuer: string;
  /** A loopback port nothing listens on: the connection is refused. */
  let closedIssuer: string;
  const start = (on: UseCaseTestbed, returnTo?: string) => on.get(StartOidcSignInUseCase).execute(StartOidcSignInCommand.create({ returnTo }));

  beforeAll(async () => {
    const started = await startDeskIdentityProvider();
    provider = started.provider;
    ({ server: down, issuer: unavailableIssuer } = await providerAnswering503());
    closedIssuer = `http://127.0.0.1:${await freePort()}`;
    testbed = await UseCaseTestbed.start(deskTestbed('desk_start_oidc', new RecordingInvitationMailer(), started.env));
  }, 60_000);
  afterAll(async () => {
    await testbed?.close();
    await provider?.close();
    await new Promise((resolve) => down?.close(resolve));
  });
  beforeEach(() => testbed.reset());

  it('sends the browser to the provider with fresh state, nonce and PKCE S256 challenge, kept under the hash of the flow token', async () => {
    const { providerUrl, flowToken } = await start(testbed, '/stories/today');

    const request = new URL(providerUrl);
    expect(request.origin).toBe(provider.issuer);
    expect(request.searchParams.get('redirect_uri')).toBe('https://desk.example.test/auth/oidc/callback');
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    const [flow] = await testbed.query<{ state: string; nonce: string; code_verifier: string; return_to: string; valid: number; used_at: null }>(
      `SELECT state, nonce, code_verifier, return_to, round(extract(epoch FROM expires_at - created_at))::int AS valid, used_at FROM oidc_flows WHERE flow_hash = $1`,
      [tokenHash(flowToken)],
    );
    expect(flow).toMatchObject({ state: request.searchParams.get('state'), nonce: request.searchParams.get('nonce'), return_to: '/stories/today', valid: OIDC_FLOW_SECONDS, used_at: null });
    expect(createHash('sha256').update(flow.code_verifier).digest('base64url')).toBe(request.searchParams.get('code_challenge'));
    expect(await testbed.query(`SELECT count(*)::int AS n FROM oidc_flows WHERE flow_hash = $1`, [flowToken])).toEqual([{ n: 0 }]);
  });

  it('gives each sign-in its own secrets', async () => {
    const [first, second] = [await start(testbed), await start(testbed)];

    expect(first.flowToken).not.toBe(second.flowToken);
    expect(await testbed.query(`SELECT count(DISTINCT state)::int AS states, count(DISTINCT nonce)::int AS nonces, count(DISTINCT code_verifier)::int AS verifiers FROM oidc_flows`)).toEqual([
      { states: 2, nonces: 2, verifiers: 2 },
    ]);
  });

  it.each([
    ['has no provider', () => ({}), 'OIDC.NOT_CONFIGURED', 'not_found'],
    [
      'cannot read its provider’s discovery document',
      () => ({ OIDC_ISSUER: unavailableIssuer, OIDC_CLIENT_ID: 'newsroom-desk', OIDC_CLIENT_SECRET: 'a secret', OIDC_DISPLAY_NAME: 'Newsroom ID' }),
      'OIDC.PROVIDER_UNAVAILABLE',
      'unavailable',
    ],
    [
      'cannot reach its provider at all',
      () => ({ OIDC_ISSUER: closedIssuer, OIDC_CLIENT_ID: 'newsroom-desk', OIDC_CLIENT_SECRET: 'a secret', OIDC_DISPLAY_NAME: 'Newsroom ID' }),
      'OIDC.PROVIDER_UNAVAILABLE',
      'unavailable',
    ],
  ])('refuses on a desk that %s, keeping no flow', async (_, env, code, kind) => {
    const other = await UseCaseTestbed.start(deskTestbed('desk_start_oidc_off', new RecordingInvitationMailer(), env()));
    try {
      expect(await refusal(start(other))).toMatchObject({ code, kind });
      expect(await other.query(`SELECT 1 FROM oidc_flows`)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

/** A provider that is down for maintenance: every request, discovery included, answers 503. */
async function providerAnswering503(): Promise<{ server: Server; issuer: string }> {
  const server = createServer((_request, response) => response.writeHead(503).end('down for maintenance'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, issuer: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}
