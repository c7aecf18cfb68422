import { IsEmail, IsNotEmpty, IsString, Length, Matches, MinLength, ValidateBy } from 'class-validator';
import { baseUrl, CLOCK_TIME, CommonEnv, DEFAULT_SITE_SECTIONS, IsBaseUrl, IsSectionList, IsTimeZone, loadEnv, parseSectionList, toRuntimeConfig, type ServiceRuntimeConfig, type SiteSection } from '@newsroom/config';
import { IsRateLimits, IsTrustProxy, rateLimitOptions, type RateLimitOptions } from '@newsroom/platform';
import { NOTIFICATIONS_LIMITED_ROUTES, NOTIFICATIONS_RATE_LIMITS } from './rate-limits';
import { DEFAULT_PUSH_SERVICE_HOSTS, PushServiceAllowList } from '../shared/push-services/push-services';
import { DELIVERY_RATE_LIMITS_EXAMPLE, deliveryRateLimitsProblem, parseDeliveryRateLimits, type DeliveryRateLimits } from './delivery-rate-limits';

/** Daily digests arrive with breakfast. */
export const DEFAULT_DIGEST_LOCAL_TIME = '07:00';

export class NotificationsEnv extends CommonEnv {
  /** Where subscribers reach this service: confirmation, preference and unsubscribe links. */
  @IsBaseUrl()
  PUBLIC_BASE_URL!: string;

  /**
   * The public site (publishing's PUBLIC_BASE_URL): alerts link only to pages
   * under it; an event about any other URL is refused.
   */
  @IsBaseUrl()
  PUBLIC_SITE_URL!: string;

  /**
   * The site's initial sections (`politics,world` or `politics=Політика,world=Світ`): readers choose
   * among these until publishing's managed list arrives on the publishing topic (SiteSectionList).
   */
  @IsSectionList()
  SITE_SECTIONS!: string;

  /**
   * The site's IANA time zone (publishing's SITE_TIME_ZONE): quiet hours and the digest hour of a
   * reader who does not say theirs (the no-JavaScript form cannot tell) are read on this clock.
   */
  @IsTimeZone()
  SITE_TIME_ZONE!: string;

  /**
   * The publication's name, as publishing's SITE_NAME: the subscriber pages' masthead, and the
   * alerts' e-mail subjects, senders' list names and footers ("Harwick Gazette alerts").
   */
  @IsString()
  @Length(1, 80)
  SITE_NAME!: string;

  /** smtp://user:pass@host:port or smtps://… */
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL!: string;

  @IsEmail({ allow_display_name: true })
  MAIL_FROM!: string;

  @IsString()
  @IsNotEmpty()
  VAPID_PUBLIC_KEY!: string;

  @IsString()
  @IsNotEmpty()
  VAPID_PRIVATE_KEY!: string;

  /** A mailto: or https: contact for push services, as VAPID requires. */
  @Matches(/^(mailto:|https:\/\/).+/, { message: 'VAPID_SUBJECT must be a mailto: or https: URL' })
  VAPID_SUBJECT!: string;

  /** Signs subscriber links (confirm, preferences, unsubscribe). */
  @IsString()
  @MinLength(16, { message: 'SUBSCRIBER_LINK_SECRET must be at least 16 characters' })
  SUBSCRIBER_LINK_SECRET!: string;

  /**
   * The push services subscriptions may point at: comma-separated `host[:port]`,
   * `*.domain` for every name under a domain, port 443 unless written. An IP
   * address is allowed only when listed here (a local push inbox in development).
   */
  @ValidateBy({
    name: 'isPushServiceList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && problemOf(value) === undefined,
      defaultMessage: (args) => `PUSH_SERVICE_HOSTS: ${typeof args?.value === 'string' ? problemOf(args.value) : 'must be a list'} (e.g. ${DEFAULT_PUSH_SERVICE_HOSTS})`,
    },
  })
  PUSH_SERVICE_HOSTS!: string;

  /** Overrides of the login-free routes' limits: `signup:client=10/1h,…` (docs/deployment.md, "Rate limits"). */
  @IsRateLimits(NOTIFICATIONS_RATE_LIMITS)
  RATE_LIMITS = '';

  /** Proxies in front of the service that append to X-Forwarded-For; 0 (default) ignores the header. */
  @IsTrustProxy()
  TRUST_PROXY = 0;

  /** Alert sends in flight at once per channel and process: `email=50,push=50` (each 1–1000; a channel left out keeps its default). */
  @Matches(/^\s*((email|push)=\d{1,4}\s*(,\s*|$))*$/, { message: 'DELIVERY_CONCURRENCY must read like email=50,push=50' })
  @ValidateBy({
    name: 'isDeliveryConcurrency',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Object.values(deliveryConcurrency(value)).every((n) => n >= 1 && n <= 1000),
      defaultMessage: () => 'DELIVERY_CONCURRENCY: each channel between 1 and 1000 (e.g. email=50,push=50)',
    },
  })
  DELIVERY_CONCURRENCY = '';

  /**
   * How fast alerts may leave per destination, across every process and replica:
   * `email=200/s,fcm.googleapis.com=1000/s,*=500/s` (delivery-rate-limits.ts). Empty: no limit.
   */
  @ValidateBy({
    name: 'isDeliveryRateLimits',
    validator: {
      validate: (value: unknown) => deliveryRateLimitsProblem(value) === undefined,
      defaultMessage: (args) => `DELIVERY_RATE_LIMITS: ${deliveryRateLimitsProblem(args?.value) ?? 'unreadable'} (e.g. ${DELIVERY_RATE_LIMITS_EXAMPLE})`,
    },
  })
  DELIVERY_RATE_LIMITS = '';

  /**
   * When daily digests go out, on each subscriber's own wall clock (their time zone): `HH:MM`,
   * 24-hour. A digest is sent in the first round of the digest job at or after this time.
   */
  @Matches(CLOCK_TIME, { message: 'DIGEST_LOCAL_TIME must be HH:MM on the 24-hour clock, e.g. 07:00' })
  DIGEST_LOCAL_TIME = DEFAULT_DIGEST_LOCAL_TIME;
}

/** Default sends in flight per channel: what one SMTP relay with a 50-connection pool and one push service comfortably take. */
export const DEFAULT_DELIVERY_CONCURRENCY = { email: 50, push: 50 } as const;

/** `email=50,push=50` → { email: 50, push: 50 }; channels not named keep DEFAULT_DELIVERY_CONCURRENCY. */
export function deliveryConcurrency(value: string): { email: number; push: number } {
  const result: { email: number; push: number } = { ...DEFAULT_DELIVERY_CONCURRENCY };
  for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [channel, count] = part.split('=');
    if (channel === 'email' || channel === 'push') result[channel] = Number(count);
  }
  return result;
}

function problemOf(list: string): string | undefined {
  try {
    PushServiceAllowList.parse(list);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface NotificationsConfig {
  runtime: ServiceRuntimeConfig;
  publicBaseUrl: string;
  /** Base URL every alert's article URL must be under (no trailing slash). */
  publicSiteUrl: string;
  /** The publication's name (SITE_NAME, trimmed). */
  siteName: string;
  /** The sections readers may follow, in the site's order, with the labels readers see. */
  siteSections: SiteSection[];
  /** The time zone of readers who do not give theirs. */
  siteTimeZone: string;
  smtpUrl: string;
  mailFrom: string;
  vapid: { publicKey: string; privateKey: string; subject: string };
  subscriberLinkSecret: string;
  /** Where push endpoints may point; checked at subscribe time and again before each send. */
  pushServices: PushServiceAllowList;
  /** Limits of the login-free routes, counted per client and per target. */
  rateLimits: RateLimitOptions;
  /** Alert sends in flight at once per channel in one process (the delivery worker's lanes). */
  deliveryConcurrency: { email: number; push: number };
  /** Sends per window allowed per destination (SMTP relay, push host), shared by all workers; none by default. */
  deliveryRateLimits: DeliveryRateLimits;
  /** `HH:MM` on each digest subscriber's wall clock from which their daily digest is due. */
  digestLocalTime: string;
}

export const NOTIFICATIONS_DEFAULTS = {
  PORT: '3004',
  DATABASE_SCHEMA: 'notifications',
  PUBLIC_BASE_URL: 'http://localhost:3004',
  PUBLIC_SITE_URL: 'http://localhost:3003',
  MAIL_FROM: 'Newsroom Alerts <alerts@newsroom.localhost>',
  VAPID_SUBJECT: 'mailto:alerts@newsroom.localhost',
  PUSH_SERVICE_HOSTS: DEFAULT_PUSH_SERVICE_HOSTS,
  SITE_SECTIONS: DEFAULT_SITE_SECTIONS,
  SITE_TIME_ZONE: 'UTC',
  SITE_NAME: 'Newsroom',
};

export function loadNotificationsConfig(env: NodeJS.ProcessEnv): NotificationsConfig {
  const parsed = loadEnv(NotificationsEnv, env, NOTIFICATIONS_DEFAULTS);
  return {
    runtime: toRuntimeConfig('notifications', parsed),
    publicBaseUrl: baseUrl(parsed.PUBLIC_BASE_URL),
    publicSiteUrl: baseUrl(parsed.PUBLIC_SITE_URL),
    siteSections: parseSectionList(parsed.SITE_SECTIONS),
    siteTimeZone: parsed.SITE_TIME_ZONE,
    siteName: parsed.SITE_NAME.trim(),
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM,
    vapid: { publicKey: parsed.VAPID_PUBLIC_KEY, privateKey: parsed.VAPID_PRIVATE_KEY, subject: parsed.VAPID_SUBJECT },
    subscriberLinkSecret: parsed.SUBSCRIBER_LINK_SECRET,
    pushServices: PushServiceAllowList.parse(parsed.PUSH_SERVICE_HOSTS),
    rateLimits: rateLimitOptions(parsed, NOTIFICATIONS_RATE_LIMITS, NOTIFICATIONS_LIMITED_ROUTES),
    deliveryConcurrency: deliveryConcurrency(parsed.DELIVERY_CONCURRENCY),
    deliveryRateLimits: parseDeliveryRateLimits(parsed.DELIVERY_RATE_LIMITS),
    digestLocalTime: parsed.DIGEST_LOCAL_TIME,
  };
}
