import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { DomainError } from '@newsroom/contracts';
import type { DeskConfig } from '../config/desk.config';
import type { OidcSettings } from '../config/oidc-settings';
import { DESK_CONFIG } from './desk-config.token';

/** Where the desk's OpenID Connect routes live (OidcSignInController); the flow cookie is scoped to it. */
export const OIDC_ROUTES = '/auth/oidc';
/** Where a browser starts signing in through the provider. */
export const OIDC_START_PATH = `${OIDC_ROUTES}/start`;
/** Where the provider sends the browser back to, under DESK_PUBLIC_URL; register it with the provider. */
export const OIDC_CALLBACK_PATH = `${OIDC_ROUTES}/callback`;

/** The secrets of one sign-in, kept by the desk between the redirect and the provider's answer. */
export interface OidcChecks {
  state: string;
  nonce: string;
  /** PKCE (RFC 7636): the verifier whose S256 challenge went with the authorization request. */
  codeVerifier: string;
}

/** Who the provider says signed in: `issuer` + `subject` name the person for good, the e-mail may change. */
export interface ProvenIdentity {
  issuer: string;
  subject: string;
  email?: string;
  /** True only when the provider says so (`email_verified: true`); absent counts as not verified. */
  emailVerified: boolean;
}

/** How long the desk waits for the provider's discovery, token and userinfo endpoints. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * The newsroom's OpenID Connect provider, through openid-client: discovery (once, again after
 * a failure), the authorization request (code flow, PKCE S256, state, nonce) and the answer —
 * the code exchanged with the client secret (client_secret_basic, which RFC 6749 §2.3.1 makes
 * every provider support) or, for a public client, PKCE alone; the ID token checked by the
 * library (signature, iss, aud, exp, nonce). When the ID token carries no e-mail address, the
 * userinfo endpoint is asked (its `sub` must match).
 *
 * Errors are coded for the sign-in pages: OIDC.PROVIDER_UNAVAILABLE (503: not reachable, or
 * answering 5xx), OIDC.PROVIDER_REFUSED (403: the provider answered `error=…`, such as
 * access_denied), OIDC.ANSWER_REJECTED (400: the answer failed a check, or the code was refused).
 */
@Injectable()
export class IdentityProvider {
  private readonly settings?: OidcSettings;
  private readonly redirectUri: string;
  private configuration?: Promise<oidc.Configuration>;

  constructor(@Inject(DESK_CONFIG) config: DeskConfig) {
    this.settings = config.oidc;
    this.redirectUri = `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** The name on the sign-in button, or undefined when OpenID Connect sign-in is off. */
  get displayName(): string | undefined {
    return this.settings?.displayName;
  }

  /** New secrets for one sign-in and the provider's URL to send the browser to. */
  async authorizationRequest(): Promise<{ url: string; checks: OidcChecks }> {
    const configuration = await this.discovered();
    const checks: OidcChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.enabled().scopes.join(' '),
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, checks };
  }

  /** Checks the provider's answer (`query`: the callback's query string) against `checks` and says who signed in. */
  async identify(query: URLSearchParams, checks: OidcChecks): Promise<ProvenIdentity> {
    const configuration = await this.discovered();
    const answer = new URL(this.redirectUri);
    answer.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, answer, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new DomainError('OIDC.ANSWER_REJECTED', 'The identity provider sent no ID token', 'validation');
      const source = typeof claims.email === 'string' ? claims : await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof source.email === 'string' ? source.email : undefined,
        emailVerified: source.email_verified === true,
      };
    } catch (error) {
      throw providerError(error);
    }
  }

  private enabled(): OidcSettings {
    if (!this.settings) throw new DomainError('OIDC.NOT_CONFIGURED', 'This desk signs in with passwords only', 'not_found');
    return this.settings;
  }

  private discovered(): Promise<oidc.Configuration> {
    const settings = this.enabled();
    this.configuration ??= discover(settings, this.redirectUri).catch((error: unknown) => {
      // Not kept: the next sign-in tries again, so a provider that was down does not stay "down".
      this.configuration = undefined;
      throw providerError(error);
    });
    return this.configuration;
  }
}

function discover(settings: OidcSettings, redirectUri: string): Promise<oidc.Configuration> {
  const auth = settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None();
  const issuer = new URL(settings.issuer);
  // Plain http is accepted by the configuration only on loopback (a provider run by the tests).
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  return oidc.discovery(issuer, settings.clientId, { redirect_uris: [redirectUri], response_types: ['code'] }, auth, { execute, timeout: PROVIDER_TIMEOUT_SECONDS });
}

function providerError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof oidc.AuthorizationResponseError) {
    const description = error.error_description ? `: ${error.error_description}` : '';
    return new DomainError('OIDC.PROVIDER_REFUSED', `The identity provider did not sign you in (${error.error}${description})`, 'forbidden');
  }
  if (unreachable(error)) return new DomainError('OIDC.PROVIDER_UNAVAILABLE', 'The identity provider cannot be reached right now; try again in a moment', 'unavailable');
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.ClientError) {
    return new DomainError('OIDC.ANSWER_REJECTED', `The identity provider's answer did not pass the desk's checks (${error.message})`, 'validation');
  }
  return error;
}

/** A network failure, a timeout, or a provider answering 5xx. */
function unreachable(error: unknown): boolean {
  if (networkFailure(error)) return true;
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500;
  return error instanceof oidc.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && statusOf(error.cause) >= 500;
}

function statusOf(response: unknown): number {
  return response instanceof Response ? response.status : 0;
}

/**
 * fetch() rejects with a TypeError ("fetch failed") when nothing answers, and a TimeoutError or
 * AbortError when the answer is too slow; openid-client may pass it on as the cause of its own
 * error. Told by name, not instanceof: the error may come from another realm (a test sandbox).
 */
function networkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth += 1) {
    const name = (current as { name?: unknown }).name;
    if (name === 'TypeError' || name === 'TimeoutError' || name === 'AbortError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
