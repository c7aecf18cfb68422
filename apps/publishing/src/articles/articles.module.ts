import { Module } from '@nestjs/common';
import { ArticleRepository } from './persistence/article.repository';
import { ArticlesHttpController } from './transport/articles.http.controller';
import { ReviewEventsConsumer } from './transport/review-events.consumer';
import { CorrectArticleUseCase } from './use-cases/correct-article/correct-article.use-case';
import { GoLive } from './use-cases/go-live/go-live';
import { PublicationScheduler } from './use-cases/publish-due-articles/publication-scheduler';
import { PublishDueArticlesUseCase } from './use-cases/publish-due-articles/publish-due-articles.use-case';
import { PublishApprovedArticleUseCase } from './use-cases/publish-approved-article/publish-approved-article.use-case';
import { ReadArticlesQuery } from './use-cases/read-articles/read-articles.query';
import { UnpublishArticleUseCase } from './use-cases/unpublish-article/unpublish-article.use-case';

@Module({
  controllers: [ArticlesHttpController, ReviewEventsConsumer],
  providers: [
    ArticleRepository,
    GoLive,
    PublishApprovedArticleUseCase,
    PublishDueArticlesUseCase,
    PublicationScheduler,
    CorrectArticleUseCase,
    UnpublishArticleUseCase,
    ReadArticlesQuery,
  ],
  exports: [ReadArticlesQuery],
})
export class ArticlesModule {}
