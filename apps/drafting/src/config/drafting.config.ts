import { CommonEnv, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';

/** Drafting reads only the common variables. */
export class DraftingEnv extends CommonEnv {}

export interface DraftingConfig {
  runtime: ServiceRuntimeConfig;
}

export const DRAFTING_DEFAULTS = { PORT: '3001', DATABASE_SCHEMA: 'drafting' };

export function loadDraftingConfig(env: NodeJS.ProcessEnv): DraftingConfig {
  const parsed = loadEnv(DraftingEnv, env, DRAFTING_DEFAULTS);
  return { runtime: toRuntimeConfig('drafting', parsed) };
}
