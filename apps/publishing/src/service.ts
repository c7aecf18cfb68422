import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceDescription } from '@newsroom/platform';
import type { PublishingConfig } from './config/publishing.config';
import { securityHeaders } from './site/security-headers';
import { publicAssetsDir, STATIC_PREFIX } from './site/static-assets';

/** How the publishing service starts: the same for `main.ts` and the integration tests. */
export function publishingService(config: PublishingConfig): ServiceDescription {
  return {
    title: 'Newsroom publishing',
    description:
      'The public face of the newsroom: publishes approved articles (at once or on schedule), serves the pages, feeds, sitemaps and the ninjs API, and lets editors correct or withdraw live articles.',
    consumesEvents: true,
    configure: (app: INestApplication) => {
      app.use(securityHeaders(config.publicBaseUrl));
      (app as NestExpressApplication).useStaticAssets(publicAssetsDir(), { prefix: STATIC_PREFIX, index: false, maxAge: '1h', fallthrough: true });
    },
  };
}
