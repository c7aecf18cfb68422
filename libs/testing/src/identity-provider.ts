import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InteractionResults } from 'oidc-provider';

/** Someone with an account at the test provider, and the claims it vouches for. */
export interface ProviderPerson {
  sub: string;
  email: string;
  email_verified: boolean;
}

/** What the provider does with the next sign-in: log someone in, or answer the desk with an error (access_denied…). */
export type ProviderAnswer = { person: ProviderPerson } | { error: string; description?: string };

/**
 * A real OpenID provider (oidc-provider) on loopback over plain http, with one confidential
 * client (client_secret_basic, PKCE required as by default). Its login page is automatic: the
 * first request to it finishes the interaction with `next`, so the tests drive the whole
 * authorization code flow with plain HTTP. Consent is granted for the desk's scopes at once.
 * The e-mail claims come from userinfo (oidc-provider keeps scope claims out of the ID token
 * when it issues an access token), so a client's fallback to userinfo is exercised too.
 * oidc-provider is loaded only when a provider starts: the other suites never load it.
 */
export class TestIdentityProvider {
  next: ProviderAnswer = { error: 'access_denied', description: 'nobody chosen to sign in' };
  private readonly people = new Map<string, ProviderPerson>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly client: { clientId: string; clientSecret: string },
  ) {}

  static async start(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const testProvider = new TestIdentityProvider(server, issuer, client);
    const { default: Provider } = await import('oidc-provider');
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_context, sub) => {
        const person = testProvider.people.get(sub);
        return person && { accountId: sub, claims: () => ({ ...person }) };
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
      loadExistingGrant: async (context) => {
        const grant = new context.oidc.provider.Grant({ clientId: context.oidc.client?.clientId ?? '', accountId: context.oidc.session?.accountId ?? '' });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      cookies: { keys: ['a key for the test provider cookies'] },
      jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-provider', use: 'sig', alg: 'RS256' }] },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    });
    const handle = provider.callback();
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!request.url?.startsWith('/interaction/')) return handle(request, response);
      provider.interactionFinished(request, response, testProvider.answer(), { mergeWithLastSubmission: false }).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    return testProvider;
  }

  /** The desk's settings for signing in through this provider, its button saying "Sign in with `displayName`". */
  deskSettings(displayName: string): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_CLIENT_ID: this.client.clientId, OIDC_CLIENT_SECRET: this.client.clientSecret, OIDC_DISPLAY_NAME: displayName };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(): InteractionResults {
    const next = this.next;
    if ('error' in next) return { error: next.error, error_description: next.description };
    this.people.set(next.person.sub, next.person);
    return { login: { accountId: next.person.sub } };
  }
}
