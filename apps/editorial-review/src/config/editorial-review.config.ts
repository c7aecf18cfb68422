import { CommonEnv, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';

/** Editorial review reads only the common variables. */
export class EditorialReviewEnv extends CommonEnv {}

export interface EditorialReviewConfig {
  runtime: ServiceRuntimeConfig;
}

export const EDITORIAL_REVIEW_DEFAULTS = { PORT: '3002', DATABASE_SCHEMA: 'editorial_review' };

export function loadEditorialReviewConfig(env: NodeJS.ProcessEnv): EditorialReviewConfig {
  const parsed = loadEnv(EditorialReviewEnv, env, EDITORIAL_REVIEW_DEFAULTS);
  return { runtime: toRuntimeConfig('editorial-review', parsed) };
}
