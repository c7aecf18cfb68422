import { Module, type Provider } from '@nestjs/common';
import { ReviewRepository } from './persistence/review.repository';
import { ArticleSubmittedConsumer } from './transport/article-submitted.consumer';
import { ReviewsHttpController } from './transport/reviews.http.controller';
import { PublishingEventsConsumer } from './transport/publishing-events.consumer';
import { ApproveArticleUseCase } from './use-cases/approve-article/approve-article.use-case';
import { ClaimReviewUseCase } from './use-cases/claim-review/claim-review.use-case';
import { CommentOnReviewUseCase } from './use-cases/comment-on-review/comment-on-review.use-case';
import { ReadReviewsQuery } from './use-cases/read-reviews/read-reviews.query';
import { RecallSubmissionUseCase } from './use-cases/recall-submission/recall-submission.use-case';
import { RecordKillUseCase } from './use-cases/record-kill/record-kill.use-case';
import { ReceiveSubmissionUseCase } from './use-cases/receive-submission/receive-submission.use-case';
import { RejectArticleUseCase } from './use-cases/reject-article/reject-article.use-case';
import { RequestChangesUseCase } from './use-cases/request-changes/request-changes.use-case';
import { siteEditorialCheckSettings } from './use-cases/editorial-check-settings';
import { ReviewActionFlow } from './use-cases/review-action.flow';

/**
 * The use cases, the query and what they inject, without any transport: the
 * module wires them behind HTTP and Kafka, use-case specs run them directly.
 */
export const REVIEW_USE_CASES: Provider[] = [
  ReviewRepository,
  ReviewActionFlow,
  ReceiveSubmissionUseCase,
  ClaimReviewUseCase,
  CommentOnReviewUseCase,
  RequestChangesUseCase,
  ApproveArticleUseCase,
  RejectArticleUseCase,
  RecordKillUseCase,
  RecallSubmissionUseCase,
  ReadReviewsQuery,
];

/** The checks know the site's section list through SiteSectionList (SiteSectionsModule, app.module). */
@Module({
  controllers: [ReviewsHttpController, ArticleSubmittedConsumer, PublishingEventsConsumer],
  providers: [...REVIEW_USE_CASES, siteEditorialCheckSettings()],
})
export class ReviewsModule {}
