import { IsIn, IsString, Length, Matches } from 'class-validator';
import { baseUrl, CommonEnv, IsBaseUrl, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';
import { INTERFACE_LANGUAGES, IsTimeZone, parseSectionList, SECTION_LIST_PATTERN, type InterfaceLanguage, type SiteSettings } from './site-settings';

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

  /** The navigation's sections in order: `politics,world` or with labels `politics=Політика,world=Світ`. */
  @Matches(SECTION_LIST_PATTERN, { message: 'SITE_SECTIONS must be section slugs separated by commas, each optionally =Label (politics=Politics,world)' })
  SITE_SECTIONS!: string;
}

export interface PublishingConfig {
  runtime: ServiceRuntimeConfig;
  publicBaseUrl: string;
  site: SiteSettings;
}

export const PUBLISHING_DEFAULTS = {
  PORT: '3003',
  DATABASE_SCHEMA: 'publishing',
  PUBLIC_BASE_URL: 'http://localhost:3003',
  SITE_NAME: 'Newsroom',
  SITE_LANGUAGE: 'en',
  SITE_TIME_ZONE: 'UTC',
  SITE_SECTIONS: 'politics,world,business,climate,science,culture',
};

export function loadPublishingConfig(env: NodeJS.ProcessEnv): PublishingConfig {
  const parsed = loadEnv(PublishingEnv, env, PUBLISHING_DEFAULTS);
  return {
    runtime: toRuntimeConfig('publishing', parsed),
    publicBaseUrl: baseUrl(parsed.PUBLIC_BASE_URL),
    site: { name: parsed.SITE_NAME.trim(), language: parsed.SITE_LANGUAGE, timeZone: parsed.SITE_TIME_ZONE, sections: parseSectionList(parsed.SITE_SECTIONS) },
  };
}
