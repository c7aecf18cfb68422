import { Module } from '@nestjs/common';
import { ReviewRepository } from './persistence/review.repository';
import { ArticleSubmittedConsumer } from './transport/article-submitted.consumer';
import { ReviewsHttpController } from './transport/reviews.http.controller';
import { ApproveArticleUseCase } from './use-cases/approve-article/approve-article.use-case';
import { ClaimReviewUseCase } from './use-cases/claim-review/claim-review.use-case';
import { CommentOnReviewUseCase } from './use-cases/comment-on-review/comment-on-review.use-case';
import { ReadReviewsQuery } from './use-cases/read-reviews/read-reviews.query';
import { ReceiveSubmissionUseCase } from './use-cases/receive-submission/receive-submission.use-case';
import { RejectArticleUseCase } from './use-cases/reject-article/reject-article.use-case';
import { RequestChangesUseCase } from './use-cases/request-changes/request-changes.use-case';

@Module({
  controllers: [ReviewsHttpController, ArticleSubmittedConsumer],
  providers: [
    ReviewRepository,
    ReceiveSubmissionUseCase,
    ClaimReviewUseCase,
    CommentOnReviewUseCase,
    RequestChangesUseCase,
    ApproveArticleUseCase,
    RejectArticleUseCase,
    ReadReviewsQuery,
  ],
})
export class ReviewsModule {}
