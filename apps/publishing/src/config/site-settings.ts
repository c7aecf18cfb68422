import { isHttpUrl } from '@newsroom/contracts';
import { settingRule } from '@newsroom/config';

/** Interface languages the site's labels exist in. */
export const INTERFACE_LANGUAGES = ['en', 'uk'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

/** One entry of the navigation: a section slug and the name readers see. */
export interface NavSection {
  slug: string;
  label: string;
}

/** How the site presents itself; from the SITE_* variables. */
export interface SiteSettings {
  name: string;
  /** The language of the interface's labels and of relative times ("3 години тому"). */
  language: InterfaceLanguage;
  /** IANA zone in which readers are shown times ("Europe/Kyiv"). */
  timeZone: string;
  /** SITE_SECTIONS: the list seeded into the managed one on the first start (pages read SiteSectionList). */
  sections: NavSection[];
  /** The publisher's logo, absolute: masthead, NewsArticle `publisher.logo`, feed logos. */
  logoUrl?: string;
}

/**
 * SITE_LOGO_URL: an `https://` URL, or a path on this site (`/static/logo.svg`). Other schemes
 * and plain `http://` elsewhere are refused: the site's Content-Security-Policy loads images
 * only from itself and over https, and feed readers fetch the logo from anywhere.
 */
export function isLogoUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value.startsWith('/')) return /^\/(?![/\\])[^\s\\]*$/.test(value) && value.length <= 2048;
  return isHttpUrl(value) && value.toLowerCase().startsWith('https://');
}

/** The logo's absolute URL: a site path is taken against the public base URL. */
export function resolveLogoUrl(value: string | undefined, publicBaseUrl: string): string | undefined {
  if (!value) return undefined;
  return value.startsWith('/') ? `${publicBaseUrl}${value}` : value;
}

/** Class-validator rule for SITE_LOGO_URL. */
export const IsLogoUrl = settingRule('isLogoUrl', '$property must be an https:// URL or a path on this site such as /static/logo.svg', isLogoUrl);

// The section list is read the same way by every service that takes SITE_SECTIONS.
export { parseSectionList, SECTION_LIST_PATTERN } from '@newsroom/config';

// Every service that shows or schedules by the site's time zone checks it the same way.
export { isTimeZone, IsTimeZone } from '@newsroom/config';
