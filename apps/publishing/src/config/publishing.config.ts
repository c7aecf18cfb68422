import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { baseUrl, CommonEnv, IsBaseUrl, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';
import { IsRateLimits, IsTrustProxy, rateLimitOptions, type RateLimitOptions } from '@newsroom/platform';
import { PUBLISHING_LIMITED_ROUTES, PUBLISHING_RATE_LIMITS } from './rate-limits';
import { INTERFACE_LANGUAGES, IsLogoUrl, IsTimeZone, parseSectionList, resolveLogoUrl, SECTION_LIST_PATTERN, type InterfaceLanguage, type SiteSettings } from './site-settings';

/** One or more http(s) origins (no path) separated by commas. */
const ORIGIN_LIST_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?(\s*,\s*https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?)*$/;

export class PublishingEnv extends CommonEnv {
  /** Where readers reach the site; canonical URLs, feeds and sitemaps use it. */
  @IsBaseUrl()
  PUBLIC_BASE_URL!: string;

  /** The publication's name: masthead, titles, feeds, the news sitemap, structured data. */
  @IsString()
  @Length(1, 80)
  SITE_NAME!: string;

  /** The language of the interface: labels and relative times. */
  @IsIn(INTERFACE_LANGUAGES, { message: `SITE_LANGUAGE must be one of ${INTERFACE_LANGUAGES.join(', ')}` })
  SITE_LANGUAGE!: InterfaceLanguage;

  /** The IANA time zone readers are shown times in (a Kyiv newsroom: Europe/Kyiv). */
  @IsTimeZone()
  SITE_TIME_ZONE!: string;

  /**
   * The initial section list in navigation order: `politics,world` or with labels
   * `politics=Політика,world=Світ`. Stored once, on the first start; admins change the list from
   * then on (`PUT /v1/site/sections`), and this value is no longer read.
   */
  @Matches(SECTION_LIST_PATTERN, { message: 'SITE_SECTIONS must be section slugs separated by commas, each optionally =Label (politics=Politics,world)' })
  SITE_SECTIONS!: string;

  /** Optional: the publisher's logo, an https:// URL or a site path (`/static/logo.svg`). */
  @IsOptional()
  @IsLogoUrl()
  SITE_LOGO_URL?: string;

  /** Overrides of the readers' limit: `pages:client=300/1m` (docs/deployment.md, "Rate limits"). */
  @IsRateLimits(PUBLISHING_RATE_LIMITS)
  RATE_LIMITS = '';

  /**
   * Origins besides the site's own that article images load from, separated by commas: drafting's
   * IMAGES_PUBLIC_BASE_URL (its uploads) or a CDN. The site's Content-Security-Policy allows
   * images from these and from any https:// host; an http:// origin (local development) must be
   * listed to load at all.
   */
  @Matches(ORIGIN_LIST_PATTERN, { message: 'IMAGE_ORIGINS must be http(s) origins separated by commas (https://media.example.org,http://localhost:3001)' })
  IMAGE_ORIGINS!: string;

  /**
   * Where readers reach the notifications service (its PUBLIC_BASE_URL): the site's signup form
   * posts to its `/subscribe`, and the "Get alerts" button registers the browser's push
   * subscription there. The site's Content-Security-Policy allows exactly these targets.
   */
  @IsBaseUrl()
  NOTIFICATIONS_PUBLIC_URL!: string;

  /** Proxies in front of the service that append to X-Forwarded-For; 0 (default) ignores the header. */
  @IsTrustProxy()
  TRUST_PROXY = 0;
}

export interface PublishingConfig {
  runtime: ServiceRuntimeConfig;
  publicBaseUrl: string;
  /** IMAGE_ORIGINS as origins (`scheme://host[:port]`); none when absent. */
  imageOrigins?: string[];
  site: SiteSettings;
  /** Reader alerts: the notifications service's public base URL (NOTIFICATIONS_PUBLIC_URL, no trailing slash). */
  notificationsUrl: string;
  /** Readers' requests counted per client. */
  rateLimits: RateLimitOptions;
}

export const PUBLISHING_DEFAULTS = {
  PORT: '3003',
  DATABASE_SCHEMA: 'publishing',
  PUBLIC_BASE_URL: 'http://localhost:3003',
  SITE_NAME: 'Newsroom',
  SITE_LANGUAGE: 'en',
  SITE_TIME_ZONE: 'UTC',
  SITE_SECTIONS: 'politics,world,business,climate,science,culture',
  // Drafting's default IMAGES_PUBLIC_BASE_URL: uploads show on the local site.
  IMAGE_ORIGINS: 'http://localhost:3001',
  NOTIFICATIONS_PUBLIC_URL: 'http://localhost:3004',
};


export function loadPublishingConfig(env: NodeJS.ProcessEnv): PublishingConfig {
  const parsed = loadEnv(PublishingEnv, env, PUBLISHING_DEFAULTS);
  const publicBaseUrl = baseUrl(parsed.PUBLIC_BASE_URL);
  const logoUrl = resolveLogoUrl(parsed.SITE_LOGO_URL?.trim() || undefined, publicBaseUrl);
  return {
    runtime: toRuntimeConfig('publishing', parsed),
    publicBaseUrl,
    imageOrigins: parsed.IMAGE_ORIGINS.split(',').map((origin) => new URL(origin.trim()).origin),
    site: {
      name: parsed.SITE_NAME.trim(),
      language: parsed.SITE_LANGUAGE,
      timeZone: parsed.SITE_TIME_ZONE,
      sections: parseSectionList(parsed.SITE_SECTIONS),
      ...(logoUrl ? { logoUrl } : {}),
    },
    notificationsUrl: baseUrl(parsed.NOTIFICATIONS_PUBLIC_URL),
    rateLimits: rateLimitOptions(parsed, PUBLISHING_RATE_LIMITS, PUBLISHING_LIMITED_ROUTES),
  };
}
