import { Module } from '@nestjs/common';
import { ArticleRepository } from './persistence/article.repository';
import { ArticleChanges } from './use-cases/article-changes';
import { ReviewEventsConsumer } from './transport/review-events.consumer';
import { CancelScheduleUseCase } from './use-cases/cancel-schedule/cancel-schedule.use-case';
import { Clock } from './use-cases/clock';
import { KillArticleUseCase } from './use-cases/kill-article/kill-article.use-case';
import { ListScheduledQuery } from './use-cases/list-scheduled/list-scheduled.query';
import { ListWithdrawnQuery } from './use-cases/list-withdrawn/list-withdrawn.query';
import { PreviewCorrectionCarryQuery } from './use-cases/preview-correction-carry/preview-correction-carry.query';
import { RescheduleArticleUseCase } from './use-cases/reschedule-article/reschedule-article.use-case';
import { CorrectArticleUseCase } from './use-cases/correct-article/correct-article.use-case';
import { GoLiveUseCase } from './use-cases/go-live/go-live.use-case';
import { PublicationScheduler } from './use-cases/publish-due-articles/publication-scheduler';
import { PublishDueArticlesUseCase } from './use-cases/publish-due-articles/publish-due-articles.use-case';
import { PublishApprovedArticleUseCase } from './use-cases/publish-approved-article/publish-approved-article.use-case';
import { ReadArticlesQuery } from './use-cases/read-articles/read-articles.query';
import { SearchArticlesQuery } from './use-cases/search-articles/search-articles.query';
import { UnpublishArticleUseCase } from './use-cases/unpublish-article/unpublish-article.use-case';

/** What the rest of the service calls: editors' actions on articles and the public site's queries. */
const ARTICLES_EXPORTS = [
  ReadArticlesQuery,
  SearchArticlesQuery,
  CorrectArticleUseCase,
  UnpublishArticleUseCase,
  KillArticleUseCase,
  RescheduleArticleUseCase,
  CancelScheduleUseCase,
  ListScheduledQuery,
  ListWithdrawnQuery,
  PreviewCorrectionCarryQuery,
];

/**
 * Every use case and query of the articles, with the repository they share. The clock and
 * the scheduler's loop are left to whoever assembles them (the module here; a spec's testbed
 * brings its own clock and starts the scheduler only where it is about it).
 */
export const ARTICLES_USE_CASES = [ArticleRepository, ArticleChanges, GoLiveUseCase, PublishApprovedArticleUseCase, PublishDueArticlesUseCase, ...ARTICLES_EXPORTS];

/**
 * The articles' write side and read model: approvals in, scheduling, going live, editors'
 * corrections and withdrawals, and the query the public site reads through. It knows
 * nothing of the site; the site depends on what it exports.
 */
@Module({
  controllers: [ReviewEventsConsumer],
  providers: [Clock, PublicationScheduler, ...ARTICLES_USE_CASES],
  exports: ARTICLES_EXPORTS,
})
export class ArticlesModule {}
