import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { ARTICLE_BODY_ROUTES } from '@newsroom/contracts';
import { bootstrapService, RequestLimits, type ServiceDescription } from '@newsroom/platform';
import { AppModule } from './app.module';
import { loadPublishingConfig, type PublishingConfig } from './config/publishing.config';
import { GZIP_MIN_BYTES, PageCache } from './site/page-cache/page-cache';
import { answerCachedPagesFirst } from './site/page-cache/page-cache.front';
import { ignoreUnusableModifiedSince } from './site/conditional-requests';
import { noteServiceHeaders } from './site/page-cache/page-cache.http';
import { siteContentSecurityPolicy } from './site/security-headers';
import { SiteErrorFilter } from './site/transport/site-error.filter';
import { SiteContextFactory } from './site/transport/site-context';
import { publicAssetsDir, STATIC_PREFIX } from './site/static-assets';

/** How the publishing service presents itself and what it adds to the HTTP stack. */
export function publishingService(config: PublishingConfig): ServiceDescription {
  return {
    title: 'Newsroom publishing',
    description:
      'The public face of the newsroom: publishes approved articles (at once or on schedule), serves the pages, feeds, sitemaps and the ninjs API, and lets editors correct or withdraw live articles.',
    consumesEvents: true,
    // A preview, a correction and a correction carry carry a whole article (up to 512 KiB as JSON), as drafting's drafts do.
    largeBodyPaths: ARTICLE_BODY_ROUTES.publishing,
    contentSecurityPolicy: siteContentSecurityPolicy(config.publicBaseUrl, config.imageOrigins, config.notificationsUrl),
    configure: (app: INestApplication) => {
      // Pages, feeds, sitemaps, the API and the stylesheet gzipped for a client that takes it (a
      // feed reader polls a 50-item feed every few minutes). A page cache hit is sent from the
      // gzipped copy kept with it, not compressed again per request (sendCachedPage).
      app.use(compression({ threshold: GZIP_MIN_BYTES }));
      app.use(ignoreUnusableModifiedSince());
      (app as NestExpressApplication).useStaticAssets(publicAssetsDir(), { prefix: STATIC_PREFIX, index: false, maxAge: '1h', fallthrough: true });
      // A cached page is answered from memory ahead of the framework, with the headers noted here.
      app.use(noteServiceHeaders());
      answerCachedPagesFirst(app.getHttpServer(), app.get(PageCache), app.get(RequestLimits));
      // Registered after the platform's JSON filter, so it is asked first: browsers get HTML error pages.
      app.useGlobalFilters(new SiteErrorFilter(app.get(SiteContextFactory)));
    },
  };
}

/**
 * Starts the publishing service from environment variables (PORT, DATABASE_URL,
 * KAFKA_BROKERS, JWT_SECRET, PUBLIC_BASE_URL, ...; see PublishingEnv): migrates, serves the
 * site and the API, consumes review events and runs the publication scheduler. The same for
 * `main.ts` and the integration tests. Rejects when the configuration is invalid or the
 * database is unreachable.
 */
export function startPublishing(env: NodeJS.ProcessEnv): Promise<INestApplication> {
  const config = loadPublishingConfig(env);
  return bootstrapService(AppModule.register(config), publishingService(config), config.runtime);
}
