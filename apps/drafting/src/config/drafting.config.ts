import { baseUrl, CommonEnv, IsBaseUrl, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';

export class DraftingEnv extends CommonEnv {
  /**
   * Where readers' browsers fetch uploaded images: drafting's own public address, or a CDN in
   * front of it. Image URLs given to the desk, and so stored in articles, start with it; the
   * site's pages load them from there (publishing's IMAGE_ORIGINS must include its origin).
   */
  @IsBaseUrl()
  IMAGES_PUBLIC_BASE_URL!: string;
}

export interface DraftingConfig {
  runtime: ServiceRuntimeConfig;
  images: ImagesConfig;
}

export interface ImagesConfig {
  /** IMAGES_PUBLIC_BASE_URL without a trailing slash. */
  publicBaseUrl: string;
}

export const DRAFTING_DEFAULTS = { PORT: '3001', DATABASE_SCHEMA: 'drafting', IMAGES_PUBLIC_BASE_URL: 'http://localhost:3001' };

export function loadDraftingConfig(env: NodeJS.ProcessEnv): DraftingConfig {
  const parsed = loadEnv(DraftingEnv, env, DRAFTING_DEFAULTS);
  return { runtime: toRuntimeConfig('drafting', parsed), images: { publicBaseUrl: baseUrl(parsed.IMAGES_PUBLIC_BASE_URL) } };
}

/** Injection token of ImagesConfig (ImagesModule.register provides it). */
export const IMAGES_CONFIG = Symbol('IMAGES_CONFIG');
