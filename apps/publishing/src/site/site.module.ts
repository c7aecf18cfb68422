import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { RecordShareUseCase } from '../articles/use-cases/record-share/record-share.use-case';
import { ShareCountsQuery } from '../articles/use-cases/record-share/share-counts.query';
import { RelatedArticlesQuery } from '../articles/use-cases/related-articles/related-articles.query';
import { PageCacheModule } from './page-cache/page-cache.module';
import { SiteAlertsHttpController } from './alerts/alerts.http.controller';
import { ArticlesApiHttpController } from './transport/articles-api.http.controller';
import { FeedsHttpController } from './transport/feeds.http.controller';
import { PagesHttpController } from './transport/pages.http.controller';
import { PreviewHttpController } from './transport/preview.http.controller';
import { ScheduleApiHttpController } from './transport/schedule-api.http.controller';
import { SearchApiHttpController } from './transport/search-api.http.controller';
import { SiteContextFactory } from './transport/site-context';

/**
 * Publishing's public face, in one place: HTML pages, feeds, sitemaps, search, the JSON API
 * of the article resource, and their rendering. It reads through the articles module's
 * exports and hands editors' changes to its use cases; the articles module never depends on it.
 */
@Module({
  imports: [ArticlesModule, PageCacheModule],
  controllers: [PagesHttpController, FeedsHttpController, ArticlesApiHttpController, SearchApiHttpController, ScheduleApiHttpController, PreviewHttpController, SiteAlertsHttpController],
  providers: [SiteContextFactory, RelatedArticlesQuery, ShareCountsQuery, RecordShareUseCase],
  exports: [SiteContextFactory],
})
export class SiteModule {}
