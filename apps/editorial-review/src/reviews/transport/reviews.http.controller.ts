import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, hasAnyRole, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { ParseArticleIdPipe } from '@newsroom/platform';
import { ApproveArticleCommand } from '../use-cases/approve-article/approve-article.command';
import { ApproveArticleUseCase } from '../use-cases/approve-article/approve-article.use-case';
import { ClaimReviewCommand } from '../use-cases/claim-review/claim-review.command';
import { ClaimReviewUseCase } from '../use-cases/claim-review/claim-review.use-case';
import { CommentOnReviewCommand } from '../use-cases/comment-on-review/comment-on-review.command';
import { CommentOnReviewUseCase } from '../use-cases/comment-on-review/comment-on-review.use-case';
import { ReadReviewsQuery } from '../use-cases/read-reviews/read-reviews.query';
import { RecallSubmissionCommand } from '../use-cases/recall-submission/recall-submission.command';
import { RecallSubmissionUseCase } from '../use-cases/recall-submission/recall-submission.use-case';
import { RecallView, ReviewList, ReviewView } from '../use-cases/read-reviews/review.views';
import { RejectArticleCommand } from '../use-cases/reject-article/reject-article.command';
import { RejectArticleUseCase } from '../use-cases/reject-article/reject-article.use-case';
import { RequestChangesCommand } from '../use-cases/request-changes/request-changes.command';
import { RequestChangesUseCase } from '../use-cases/request-changes/request-changes.use-case';
import { AddCommentRequest, ApproveRequest, ClaimRequest, RecallRequest, ListReviewsQuery, RejectRequest, RequestChangesRequest } from './review.requests';

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
    private readonly recallSubmission: RecallSubmissionUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The review queue, oldest submission first' })
  @ApiResponse({ status: 200, type: ReviewList })
  list(@Query() query: ListReviewsQuery): Promise<ReviewList> {
    return this.read.list({ status: query.status, section: query.section, limit: query.limit, offset: query.offset });
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
  @ApiOperation({
    summary: 'Take the article off the queue to review it, or over from the editor who holds it with { "takeOver": true } (claiming it again is a no-op); the body is optional',
  })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED: takeOver is not a boolean, or an unknown field' })
  @ApiResponse({ status: 403, description: 'ARTICLE.SELF_REVIEW: you wrote it' })
  @ApiResponse({ status: 409, description: 'REVIEW.ALREADY_CLAIMED (another editor holds it; details.assigneeId), REVIEW.INVALID_TRANSITION, REVIEW.ARTICLE_KILLED' })
  claim(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: ClaimRequest,
  ): Promise<ReviewView> {
    return this.thenShow(articleId, () =>
      this.claimReview.execute(ClaimReviewCommand.create({ articleId, ...actingReviewer(user), takeOver: request.takeOver ?? false })),
    );
  }

  @Post(':articleId/comments')
  @ApiOperation({ summary: 'Leave a note for the reporter and other editors (until the review is decided)' })
  @ApiResponse({ status: 201, type: ReviewView })
  @ApiResponse({ status: 400, description: 'COMMAND.INVALID / REQUEST.INVALID; REVIEW.BLOCK_NOT_FOUND: blockIndex names no block of the revision under review' })
  @ApiResponse({ status: 409, description: 'REVIEW.CLOSED: the review is approved or rejected; REVIEW.ARTICLE_KILLED' })
  comment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: AddCommentRequest,
  ): Promise<ReviewView> {
    return this.thenShow(articleId, () => this.commentOnReview.execute(CommentOnReviewCommand.create({ articleId, editorId: user.id, body: request.body, blockIndex: request.blockIndex })));
  }

  @Post(':articleId/request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the article back to its reporter with a note (the editor who claimed it, or an admin)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'REVIEW.NOT_ASSIGNED, ARTICLE.SELF_REVIEW' })
  @ApiResponse({ status: 409, description: 'REVIEW.INVALID_TRANSITION: not in review; REVIEW.ARTICLE_KILLED' })
  requestChanges(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: RequestChangesRequest,
  ): Promise<ReviewView> {
    return this.thenShow(articleId, () => this.requestChangesOn.execute(RequestChangesCommand.create({ articleId, ...actingReviewer(user), note: request.note })));
  }

  @Post(':articleId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the revision under review for publishing (the editor who claimed it, or an admin; never its author)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'ARTICLE.SELF_APPROVAL (checked first), REVIEW.NOT_ASSIGNED' })
  @ApiResponse({ status: 409, description: 'REVIEW.BLOCKING_CHECKS (details list the failing checks), REVIEW.INVALID_TRANSITION, REVIEW.ARTICLE_KILLED (publishing killed the story)' })
  approve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: ApproveRequest,
  ): Promise<ReviewView> {
    const { publishAt, embargoUntil, priority = 'normal' } = request;
    return this.thenShow(articleId, () =>
      this.approveArticle.execute(ApproveArticleCommand.create({ articleId, ...actingReviewer(user), publishAt: dateOf(publishAt), embargoUntil: dateOf(embargoUntil), priority })),
    );
  }

  @Post(':articleId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn the article down for good, with a reason (the editor who claimed it, or an admin)' })
  @ApiResponse({ status: 200, type: ReviewView })
  @ApiResponse({ status: 403, description: 'REVIEW.NOT_ASSIGNED, ARTICLE.SELF_REVIEW' })
  @ApiResponse({ status: 409, description: 'REVIEW.INVALID_TRANSITION: not in review; REVIEW.ARTICLE_KILLED' })
  reject(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: RejectRequest,
  ): Promise<ReviewView> {
    return this.thenShow(articleId, () => this.rejectArticle.execute(RejectArticleCommand.create({ articleId, ...actingReviewer(user), reason: request.reason })));
  }

  @Post(':articleId/recall')
  @HttpCode(200)
  @Roles('reporter', 'editor')
  @ApiOperation({
    summary:
      "The story's reporter takes it back from the queue while no editor holds it; it is theirs to edit again, and back in the queue when they submit it. The body may name the submission meant ({ revision, submittedAt })",
  })
  @ApiResponse({ status: 400, description: 'REQUEST.VALIDATION_FAILED: revision without submittedAt or the other way round, or either malformed' })
  @ApiResponse({ status: 404, description: 'REVIEW.NOT_FOUND: no such story in review, or (to a reporter) someone else\'s' })
  @ApiResponse({ status: 200, type: RecallView })
  @ApiResponse({ status: 403, description: 'REVIEW.NOT_THE_AUTHOR: only the reporter who wrote it (said to editors; reporters get 404)' })
  @ApiResponse({
    status: 409,
    description:
      'REVIEW.SUBMISSION_NOT_CURRENT (the queue holds another submission: the one named has not arrived yet; ask again), REVIEW.RECALL_TOO_LATE (an editor is reviewing it; details.assigneeId), REVIEW.INVALID_TRANSITION (decided, or back with the reporter), REVIEW.ARTICLE_KILLED',
  })
  async recall(
    @CurrentUser() user: AuthenticatedUser,
    @Param('articleId', ParseArticleIdPipe) articleId: string,
    @Body() request: RecallRequest,
  ): Promise<RecallView> {
    // The reporter is answered with what happened, not the review: its notes and check results are the editors'.
    const { revision, recalled } = await this.recallSubmission.execute(
      RecallSubmissionCommand.create({
        articleId,
        reporterId: user.id,
        readsReviews: hasAnyRole(user, ['editor']),
        revision: request.revision,
        submittedAt: dateOf(request.submittedAt),
      }),
    );
    return { articleId, revision, status: 'recalled', recalled };
  }

  /** Every command answers with the review as it stands afterwards. */
  private async thenShow(articleId: string, command: () => Promise<unknown>): Promise<ReviewView> {
    await command();
    return this.read.get(articleId);
  }
}

/** The signed-in editor as the commands name them; admin rights come from the token's roles. */
function actingReviewer(user: AuthenticatedUser): { editorId: string; isAdmin: boolean } {
  return { editorId: user.id, isAdmin: user.roles.includes('admin') };
}

/** Request bodies carry zoned ISO-8601 timestamps (validated); commands carry instants. */
function dateOf(timestamp: string | undefined): Date | undefined {
  return timestamp === undefined ? undefined : new Date(timestamp);
}
