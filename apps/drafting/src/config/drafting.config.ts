import { baseUrl, CommonEnv, DEFAULT_SITE_SECTIONS, IsBaseUrl, IsSectionList, loadEnv, parseSectionList, toRuntimeConfig, type ServiceRuntimeConfig, type SiteSection } from '@newsroom/config';

export class DraftingEnv extends CommonEnv {
  /**
   * Where readers' browsers fetch uploaded images: drafting's own public address, or a CDN in
   * front of it. Image URLs given to the desk, and so stored in articles, start with it; the
   * site's pages load them from there (publishing's IMAGE_ORIGINS must include its origin).
   */
  @IsBaseUrl()
  IMAGES_PUBLIC_BASE_URL!: string;

  /**
   * The site's initial sections (`politics,world` or `politics=Politics,world`): the list until
   * publishing's managed one arrives on the publishing topic. A draft's checks warn about a story
   * filed under any other section (SECTION_UNKNOWN), as editorial-review's do.
   */
  @IsSectionList()
  SITE_SECTIONS = DEFAULT_SITE_SECTIONS;
}

export interface DraftingConfig {
  runtime: ServiceRuntimeConfig;
  images: ImagesConfig;
  /** SITE_SECTIONS, parsed: the section list until publishing's arrives (SiteSectionList). */
  siteSections: SiteSection[];
}

export interface ImagesConfig {
  /** IMAGES_PUBLIC_BASE_URL without a trailing slash. */
  publicBaseUrl: string;
}

export const DRAFTING_DEFAULTS = { PORT: '3001', DATABASE_SCHEMA: 'drafting', IMAGES_PUBLIC_BASE_URL: 'http://localhost:3001' };

export function loadDraftingConfig(env: NodeJS.ProcessEnv): DraftingConfig {
  const parsed = loadEnv(DraftingEnv, env, DRAFTING_DEFAULTS);
  return {
    runtime: toRuntimeConfig('drafting', parsed),
    images: { publicBaseUrl: baseUrl(parsed.IMAGES_PUBLIC_BASE_URL) },
    siteSections: parseSectionList(parsed.SITE_SECTIONS),
  };
}

/** Injection token of ImagesConfig (ImagesModule.register provides it). */
export const IMAGES_CONFIG = Symbol('IMAGES_CONFIG');
