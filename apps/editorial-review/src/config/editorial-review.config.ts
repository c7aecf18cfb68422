import { Matches } from 'class-validator';
import type { CheckContext } from '@newsroom/contracts';
import { CommonEnv, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';

/** `slug` or `slug=Label`, comma-separated: the same value publishing's SITE_SECTIONS takes. */
const SECTION_LIST_PATTERN = /^\s*[a-z0-9]+(?:-[a-z0-9]+)*(?:=[^,=]+)?\s*(?:,\s*[a-z0-9]+(?:-[a-z0-9]+)*(?:=[^,=]+)?\s*)*$/;

export class EditorialReviewEnv extends CommonEnv {
  /**
   * The site's managed sections, as publishing's navigation lists them (`politics,world` or
   * `politics=Політика,world=Світ`; labels are ignored here). A submitted article filed under
   * any other section gets a SECTION_UNKNOWN warning.
   */
  @Matches(SECTION_LIST_PATTERN, { message: 'SITE_SECTIONS must be section slugs separated by commas, each optionally =Label (politics=Politics,world)' })
  SITE_SECTIONS!: string;
}

export interface EditorialReviewConfig {
  runtime: ServiceRuntimeConfig;
  /** What the automated checks know about the site. */
  checks: Required<CheckContext>;
}

export const EDITORIAL_REVIEW_DEFAULTS = {
  PORT: '3002',
  DATABASE_SCHEMA: 'editorial_review',
  // Publishing's default list: the two services agree unless both are configured.
  SITE_SECTIONS: 'politics,world,business,climate,science,culture',
};

export function loadEditorialReviewConfig(env: NodeJS.ProcessEnv): EditorialReviewConfig {
  const parsed = loadEnv(EditorialReviewEnv, env, EDITORIAL_REVIEW_DEFAULTS);
  return { runtime: toRuntimeConfig('editorial-review', parsed), checks: { sections: sectionSlugs(parsed.SITE_SECTIONS) } };
}

/** The slugs of a section list, in order, each once. */
export function sectionSlugs(value: string): string[] {
  return [...new Set(value.split(',').map((entry) => entry.split('=')[0].trim()).filter(Boolean))];
}
