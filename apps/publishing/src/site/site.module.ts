import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { FeedsHttpController } from './transport/feeds.http.controller';
import { PagesHttpController } from './transport/pages.http.controller';
import { SiteContextFactory } from './transport/site-context';

/** The public face: pages, feeds and sitemaps, all read from the articles read model. */
@Module({
  imports: [ArticlesModule],
  controllers: [PagesHttpController, FeedsHttpController],
  providers: [SiteContextFactory],
})
export class SiteModule {}
