import { ValidateBy, type ValidationArguments } from 'class-validator';

/** The settings that turn on OpenID Connect sign-in; none set means the desk signs in with passwords only. */
export interface OidcEnv {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_DISPLAY_NAME?: string;
  OIDC_SCOPES?: string;
}

/** Without them there is nothing to sign in with; the secret and the scopes have defaults (none: a public client). */
const REQUIRED: readonly (keyof OidcEnv)[] = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_DISPLAY_NAME'];
const ALL: readonly (keyof OidcEnv)[] = [...REQUIRED, 'OIDC_CLIENT_SECRET', 'OIDC_SCOPES'];

/** `openid` (OpenID Connect itself) and `email`, which maps a person to their desk account. */
export const DEFAULT_OIDC_SCOPES = 'openid email profile';

/** The newsroom's identity provider as the desk uses it (OpenID Connect Core 1.0, authorization code flow with PKCE). */
export interface OidcSettings {
  /** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). Not enumerable, so logging the configuration leaves it out. */
  readonly clientSecret?: string;
  /** Who the sign-in page names: "Sign in with <displayName>". */
  displayName: string;
  scopes: string[];
}

/** Whether any OIDC_* setting is given: then the ones sign-in needs must all be. */
export function oidcWanted(env: OidcEnv): boolean {
  return ALL.some((name) => env[name] !== undefined);
}

/**
 * Class-validator rule on OIDC_ISSUER, run when any OIDC_* setting is given: one line that names
 * what is missing, so a half-configured desk refuses to start instead of showing a broken button.
 */
export function IsCompleteOidcSettings(): PropertyDecorator {
  return ValidateBy({
    name: 'isCompleteOidcSettings',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) => missingOidcSettings(args?.object as OidcEnv).length === 0,
      defaultMessage: (args?: ValidationArguments) =>
        `OpenID Connect sign-in is half configured: ${missingOidcSettings(args?.object as OidcEnv).join(', ')} missing (set ${REQUIRED.join(', ')} together, or none of them)`,
    },
  });
}

/**
 * Class-validator rule for OIDC_ISSUER: an https URL. Plain http only on a loopback address
 * (127.0.0.1, ::1, localhost), for a provider run by the tests on the same machine.
 */
export function IsOidcIssuer(): PropertyDecorator {
  return ValidateBy({
    name: 'isOidcIssuer',
    validator: {
      validate: (value: unknown) => value === undefined || (typeof value === 'string' && isAcceptableIssuer(value)),
      defaultMessage: () => 'OIDC_ISSUER must be an https URL (plain http only on a loopback address, for tests)',
    },
  });
}

/** The validated settings, or undefined when OpenID Connect sign-in is off. */
export function oidcSettingsOf(env: OidcEnv): OidcSettings | undefined {
  if (!oidcWanted(env) || missingOidcSettings(env).length > 0) return undefined;
  const settings = {
    issuer: env.OIDC_ISSUER as string,
    clientId: env.OIDC_CLIENT_ID as string,
    displayName: (env.OIDC_DISPLAY_NAME as string).trim(),
    scopes: [...new Set((env.OIDC_SCOPES ?? DEFAULT_OIDC_SCOPES).split(/[\s,]+/).filter(Boolean))],
  };
  return Object.defineProperty(settings, 'clientSecret', { value: env.OIDC_CLIENT_SECRET, enumerable: false });
}

function missingOidcSettings(env: OidcEnv): string[] {
  return REQUIRED.filter((name) => !env[name]?.trim());
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function isAcceptableIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}
