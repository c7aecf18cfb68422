import { IsUrl } from 'class-validator';
import { CommonEnv, loadEnv, toRuntimeConfig, type ServiceRuntimeConfig } from '@newsroom/config';

export class PublishingEnv extends CommonEnv {
  /** Where readers reach the site; canonical URLs, feeds and sitemaps use it. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL!: string;
}

export interface PublishingConfig {
  runtime: ServiceRuntimeConfig;
  publicBaseUrl: string;
}

export const PUBLISHING_DEFAULTS = { PORT: '3003', DATABASE_SCHEMA: 'publishing', PUBLIC_BASE_URL: 'http://localhost:3003' };

export function loadPublishingConfig(env: NodeJS.ProcessEnv): PublishingConfig {
  const parsed = loadEnv(PublishingEnv, env, PUBLISHING_DEFAULTS);
  return { runtime: toRuntimeConfig('publishing', parsed), publicBaseUrl: parsed.PUBLIC_BASE_URL.replace(/\/+$/, '') };
}
