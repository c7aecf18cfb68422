import { CommonEnv, DEFAULT_SITE_SECTIONS, IsSectionList, loadEnv, parseSectionList, toRuntimeConfig, type ServiceRuntimeConfig, type SiteSection } from '@newsroom/config';

export class EditorialReviewEnv extends CommonEnv {
  /**
   * The site's initial sections (`politics,world` or `politics=Політика,world=Світ`): what the
   * SECTION_UNKNOWN check uses until publishing's managed list arrives on the publishing topic.
   * A submitted article filed under any other section gets a SECTION_UNKNOWN warning.
   */
  @IsSectionList()
  SITE_SECTIONS!: string;
}

export interface EditorialReviewConfig {
  runtime: ServiceRuntimeConfig;
  /** SITE_SECTIONS, parsed: the section list until publishing's arrives (SiteSectionList). */
  siteSections: SiteSection[];
}

export const EDITORIAL_REVIEW_DEFAULTS = {
  PORT: '3002',
  DATABASE_SCHEMA: 'editorial_review',
  SITE_SECTIONS: DEFAULT_SITE_SECTIONS,
};

export function loadEditorialReviewConfig(env: NodeJS.ProcessEnv): EditorialReviewConfig {
  const parsed = loadEnv(EditorialReviewEnv, env, EDITORIAL_REVIEW_DEFAULTS);
  return { runtime: toRuntimeConfig('editorial-review', parsed), siteSections: parseSectionList(parsed.SITE_SECTIONS) };
}
