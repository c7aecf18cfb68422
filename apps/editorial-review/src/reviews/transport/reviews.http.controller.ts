import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { ParseArticleIdPipe } from '@newsroom/platform';
import { ApproveArticleUseCase } from '../use-cases/approve-article/approve-article.use-case';
import { ClaimReviewUseCase } from '../use-cases/claim-review/claim-review.use-case';
import { CommentOnReviewUseCase } from '../use-cases/comment-on-review/comment-on-review.use-case';
import { ReadReviewsQuery } from '../use-cases/read-reviews/read-reviews.query';
import { ReviewList, ReviewView } from '../use-cases/read-reviews/review.views';
import { RejectArticleUseCase } from '../use-cases/reject-article/reject-article.use-case';
import { RequestChangesUseCase } from '../use-cases/request-changes/request-changes.use-case';
import { AddCommentRequest, ApproveRequest, ListReviewsQuery, RejectRequest, RequestChangesRequest } from './review.requests';

@ApiTags('reviews')
@ApiBearerAuth()
@Roles('editor')
@ApiResponse({ status: 401, description: 'No or invalid bearer token (AUTH.REQUIRED, AUTH.INVALID_TOKEN)' })
@ApiResponse({ status: 403, description: 'Not an editor (AUTH.FORBIDDEN)' })
@Controller('v1/reviews')
export class ReviewsHttpController {
  constructor(
    private readonly read: ReadReviewsQuery,
    private readonly claimReview: ClaimReviewUseCase,
    private readonly commentOnReview: CommentOnReviewUseCase,
    private readonly requestChangesOn: RequestChangesUseCase,
    private readonly approveArticle: ApproveArticleUseCase,
    private readonly rejectArticle: RejectArticleUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The review queue, oldest submission first' })
  @ApiResponse({ status: 200, type: ReviewList })
  list(@Query() query: ListReviewsQuery): Promise<ReviewList> {
    return this.read.list({ status: query.status, limit: query.limit, offset: query.offset });
  }

  @Get(':articleId')
  @ApiOperation({ summary: 'One review: the submitted article, checks, notes, decisions and the diff of a resubmission' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 404, description: 'REVIEW.NOT_FOUND' })
  get(@Param('articleId', ParseArticleIdPipe) articleId: string): Promise<ReviewView> {
    return this.read.get(articleId);
  }

  @Post(':articleId/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the article off the queue to review it (claiming it again is a no-op)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'ARTICLE.SELF_REVIEW: you wrote it' })
  @ApiResponse({ status: 409, description: 'REVIEW.ALREADY_CLAIMED, REVIEW.INVALID_TRANSITION' })
  async claim(@CurrentUser() user: AuthenticatedUser, @Param('articleId', ParseArticleIdPipe) articleId: string): Promise<ReviewView> {
    await this.claimReview.execute(user, articleId);
    return this.read.get(articleId);
  }

  @Post(':articleId/comments')
  @ApiOperation({ summary: 'Leave a note for the reporter and other editors (until the review is decided)' })
  @ApiResponse({ status: 201, type: ReviewView })
  @ApiResponse({ status: 409, description: 'REVIEW.CLOSED: the review is approved or rejected' })
  async comment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: AddCommentRequest,
  ): Promise<ReviewView> {
    await this.commentOnReview.execute(user, articleId, request.body);
    return this.read.get(articleId);
  }

  @Post(':articleId/request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the article back to its reporter with a note (the editor who claimed it, or an admin)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'REVIEW.NOT_ASSIGNED, ARTICLE.SELF_REVIEW' })
  @ApiResponse({ status: 409, description: 'REVIEW.INVALID_TRANSITION: not in review' })
  async requestChanges(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: RequestChangesRequest,
  ): Promise<ReviewView> {
    await this.requestChangesOn.execute(user, articleId, request.note);
    return this.read.get(articleId);
  }

  @Post(':articleId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the revision under review for publishing (the editor who claimed it, or an admin; never its author)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'ARTICLE.SELF_APPROVAL (checked first), REVIEW.NOT_ASSIGNED' })
  @ApiResponse({ status: 409, description: 'REVIEW.BLOCKING_CHECKS (details list the failing checks), REVIEW.INVALID_TRANSITION' })
  async approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: ApproveRequest,
  ): Promise<ReviewView> {
    await this.approveArticle.execute(user, articleId, {
      publishAt: request.publishAt ? new Date(request.publishAt) : undefined,
      embargoUntil: request.embargoUntil ? new Date(request.embargoUntil) : undefined,
      priority: request.priority ?? 'normal',
    });
    return this.read.get(articleId);
  }

  @Post(':articleId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn the article down for good, with a reason (the editor who claimed it, or an admin)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'REVIEW.NOT_ASSIGNED, ARTICLE.SELF_REVIEW' })
  @ApiResponse({ status: 409, description: 'REVIEW.INVALID_TRANSITION: not in review' })
  async reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: RejectRequest,
  ): Promise<ReviewView> {
    await this.rejectArticle.execute(user, articleId, request.reason);
    return this.read.get(articleId);
  }
}
