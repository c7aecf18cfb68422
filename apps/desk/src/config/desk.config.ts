import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import {
  baseUrl,
  CommonEnv,
  IsBaseUrl,
  loadEnv,
  toRuntimeConfig,
  type ServiceRuntimeConfig,
} from '@newsroom/config';
import { IsRateLimits, IsTrustProxy, rateLimitOptions, type RateLimitOptions } from '@newsroom/platform';
import { IsCompleteOidcSettings, IsOidcIssuer, oidcSettingsOf, oidcWanted, type OidcSettings } from './oidc-settings';
import { DESK_LIMITED_ROUTES, DESK_RATE_LIMITS } from './rate-limits';

/** The services the desk's API proxy forwards to, by their prefix under `/api/`. */
export const PROXIED_SERVICES = ['drafting', 'editorial-review', 'publishing', 'notifications'] as const;
export type ProxiedService = (typeof PROXIED_SERVICES)[number];

export class DeskEnv extends CommonEnv {
  /** Where people reach the desk (invitation links; `Secure` cookies when https). */
  @IsBaseUrl()
  DESK_PUBLIC_URL!: string;

  /** The private ES256 signing key, a P-256 JWK with a `kid`, in a file (mode 0600; `npm start` keeps .newsroom/keys/desk-signing.jwk)… */
  @ValidateIf((env: DeskEnv) => env.DESK_SIGNING_KEY === undefined)
  @IsString({ message: 'DESK_SIGNING_KEY_FILE (or DESK_SIGNING_KEY) must name the private signing JWK' })
  @IsNotEmpty()
  DESK_SIGNING_KEY_FILE?: string;

  /** …or the JWK itself, as JSON (from a secret store: the Kubernetes Secret). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  DESK_SIGNING_KEY?: string;

  /**
   * More public keys to publish in the JWKS besides the signing key's: the next key before a
   * rotation, the previous one for 5 minutes after (docs/desk.md, "Rotating the signing key").
   */
  @IsOptional()
  @IsString()
  DESK_EXTRA_PUBLIC_KEYS_FILE?: string;

  @IsBaseUrl()
  DRAFTING_URL!: string;

  @IsBaseUrl()
  EDITORIAL_REVIEW_URL!: string;

  @IsBaseUrl()
  PUBLISHING_URL!: string;

  @IsBaseUrl()
  NOTIFICATIONS_URL!: string;

  /** The SMTP server invitation e-mails go through: smtp://user:pass@host:port or smtps://… */
  @IsString()
  @IsNotEmpty()
  SMTP_URL!: string;

  @IsString()
  @IsNotEmpty()
  MAIL_FROM!: string;

  /** How long a session lasts without use, in hours. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_IDLE_HOURS: number = 12;

  /** How long an invitation link works, in hours. */
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  INVITATION_HOURS: number = 72;

  /** The first admin, created at start-up when no admin account exists (with DESK_INITIAL_ADMIN_PASSWORD). */
  @IsOptional()
  @IsEmail()
  DESK_INITIAL_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'DESK_INITIAL_ADMIN_PASSWORD must be at least 12 characters' })
  DESK_INITIAL_ADMIN_PASSWORD?: string;

  /** The built web app (Vite's output); the desk serves it at `/`. */
  @IsString()
  @IsNotEmpty()
  DESK_WEB_DIR = 'dist/apps/desk/web';

  /** Overrides of the sign-in limits: `sign-in:client=30/10m,sign-in:target=10/15m`. */
  @IsRateLimits(DESK_RATE_LIMITS)
  RATE_LIMITS = '';

  /** Proxies in front of the desk that append to X-Forwarded-For; 0 (default) ignores the header. */
  @IsTrustProxy()
  TRUST_PROXY = 0;

  /** `auto`: Secure cookies when DESK_PUBLIC_URL is https. */
  @IsIn(['auto', 'always', 'never'])
  SECURE_COOKIES: 'auto' | 'always' | 'never' = 'auto';

  /**
   * OpenID Connect sign-in with the newsroom's identity provider (docs/desk.md): its issuer
   * (https; discovery at `/.well-known/openid-configuration`), the desk's client id, the client
   * secret (none for a public client: PKCE alone), the name on the button and the scopes.
   * All unset: passwords only. Some set: all of issuer, client id and display name are needed.
   */
  @ValidateIf((env: DeskEnv) => oidcWanted(env))
  @IsCompleteOidcSettings()
  @IsOidcIssuer()
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  OIDC_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  OIDC_DISPLAY_NAME?: string;

  /** Space- or comma-separated; `openid` and `email` are needed (the address finds the account). */
  @IsOptional()
  @Matches(/^(?=(.*[\s,])?openid([\s,]|$))(?=(.*[\s,])?email([\s,]|$))/, { message: 'OIDC_SCOPES must include openid and email' })
  OIDC_SCOPES?: string;
}

export interface DeskConfig {
  runtime: ServiceRuntimeConfig;
  publicUrl: string;
  /** Where the private signing JWK comes from. */
  signingKey: { file: string } | { json: string };
  extraPublicKeysFile?: string;
  /** The `iss` and `aud` of the access tokens the desk mints. */
  issuer: string;
  audience: string;
  services: Record<ProxiedService, string>;
  smtpUrl: string;
  mailFrom: string;
  sessionIdleSeconds: number;
  invitationSeconds: number;
  initialAdmin?: { email: string; password: string };
  webDir: string;
  secureCookies: boolean;
  rateLimits: RateLimitOptions;
  /** OpenID Connect sign-in; undefined when it is off. */
  oidc?: OidcSettings;
}

export const DESK_DEFAULTS = { PORT: '3005', DATABASE_SCHEMA: 'desk', MAIL_FROM: 'Newsroom Desk <desk@newsroom.localhost>' };

/** Reads and validates the desk's environment; throws a ConfigError listing every problem. */
export function loadDeskConfig(env: NodeJS.ProcessEnv): DeskConfig {
  // DESK_PORT, as `npm start` and the deployment files name it, when PORT is not set.
  const port = env.PORT ?? env.DESK_PORT ?? DESK_DEFAULTS.PORT;
  // The desk's own routes use sessions; bearer tokens (for /v1/dead-letters) are its own.
  const parsed = loadEnv(DeskEnv, { ...env, PORT: port }, { ...DESK_DEFAULTS, JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
  const publicUrl = baseUrl(parsed.DESK_PUBLIC_URL);
  return {
    runtime: toRuntimeConfig('desk', parsed),
    publicUrl,
    signingKey: parsed.DESK_SIGNING_KEY !== undefined ? { json: parsed.DESK_SIGNING_KEY } : { file: parsed.DESK_SIGNING_KEY_FILE ?? '' },
    extraPublicKeysFile: parsed.DESK_EXTRA_PUBLIC_KEYS_FILE,
    issuer: parsed.JWT_ISSUER,
    audience: parsed.JWT_AUDIENCE,
    services: {
      drafting: baseUrl(parsed.DRAFTING_URL),
      'editorial-review': baseUrl(parsed.EDITORIAL_REVIEW_URL),
      publishing: baseUrl(parsed.PUBLISHING_URL),
      notifications: baseUrl(parsed.NOTIFICATIONS_URL),
    },
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM,
    sessionIdleSeconds: parsed.SESSION_IDLE_HOURS * 3600,
    invitationSeconds: parsed.INVITATION_HOURS * 3600,
    initialAdmin:
      parsed.DESK_INITIAL_ADMIN_EMAIL && parsed.DESK_INITIAL_ADMIN_PASSWORD
        ? { email: parsed.DESK_INITIAL_ADMIN_EMAIL, password: parsed.DESK_INITIAL_ADMIN_PASSWORD }
        : undefined,
    webDir: parsed.DESK_WEB_DIR,
    secureCookies: parsed.SECURE_COOKIES === 'always' || (parsed.SECURE_COOKIES === 'auto' && publicUrl.startsWith('https:')),
    rateLimits: rateLimitOptions(parsed, DESK_RATE_LIMITS, DESK_LIMITED_ROUTES),
    oidc: oidcSettingsOf(parsed),
  };
}

