import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { Transform } from 'class-transformer';
import type { Request, Response } from 'express';
import { ArticleContent, exampleArticle } from '@newsroom/contracts';
import { CurrentUser, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { PageQuery, ParseArticleIdPipe, ParsePositiveIntPipe, parseIfMatchVersion, versionEtag } from '@newsroom/platform';
import { DRAFT_STATUSES, type DraftStatus } from '../domain/draft-status';
import { CheckDraftQuery } from '../use-cases/check-draft/check-draft.query';
import { DraftChecksView } from '../use-cases/check-draft/draft-checks.view';
import { CreateDraftCommand } from '../use-cases/create-draft/create-draft.command';
import { CreateDraftUseCase } from '../use-cases/create-draft/create-draft.use-case';
import { EditDraftCommand } from '../use-cases/edit-draft/edit-draft.command';
import { EditDraftUseCase } from '../use-cases/edit-draft/edit-draft.use-case';
import { DraftSummary, DraftView, RevisionView } from '../use-cases/read-drafts/draft.views';
import { ReadDraftsQuery } from '../use-cases/read-drafts/read-drafts.query';
import { SpikeDraftCommand } from '../use-cases/spike-draft/spike-draft.command';
import { SpikeDraftUseCase } from '../use-cases/spike-draft/spike-draft.use-case';
import { StartRevisionCommand } from '../use-cases/start-revision/start-revision.command';
import { StartRevisionUseCase } from '../use-cases/start-revision/start-revision.use-case';
import { SubmitDraftCommand } from '../use-cases/submit-draft/submit-draft.command';
import { SubmitDraftUseCase } from '../use-cases/submit-draft/submit-draft.use-case';
import { SubEditDraftCommand } from '../use-cases/sub-edit-draft/sub-edit-draft.command';
import { SubEditDraftUseCase } from '../use-cases/sub-edit-draft/sub-edit-draft.use-case';

/** Fields to change; omitted fields keep their value, `body` is replaced whole. */
export class EditDraftRequest extends PartialType(ArticleContent) {}

export class ListDraftsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DRAFT_STATUSES })
  @IsOptional()
  @IsIn(DRAFT_STATUSES)
  status?: DraftStatus;

  @ApiPropertyOptional({ description: 'true lists only the spiked stories; without it (or false), spiked stories are left out', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'spiked must be true or false' })
  spiked?: boolean;

  @ApiPropertyOptional({
    description: "true lists only the caller's own stories, as My stories does, also for an editor (who otherwise sees every story); without it (or false), what the caller may read",
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;
}

class DraftList {
  items!: DraftSummary[];
  total!: number;
}

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('v1/drafts')
export class DraftsHttpController {
  constructor(
    private readonly createDraft: CreateDraftUseCase,
    private readonly editDraft: EditDraftUseCase,
    private readonly submitDraft: SubmitDraftUseCase,
    private readonly startRevision: StartRevisionUseCase,
    private readonly spikeDraft: SpikeDraftUseCase,
    private readonly subEditDraft: SubEditDraftUseCase,
    private readonly read: ReadDraftsQuery,
    private readonly check: CheckDraftQuery,
  ) {}

  @Post()
  @Roles('reporter')
  @ApiOperation({ summary: 'Start a draft (reporters)' })
  @ApiBody({ type: ArticleContent, examples: { article: { summary: 'A complete article, one block of every type', value: exampleArticle() } } })
  @ApiResponse({ status: 201, type: DraftView })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() article: ArticleContent, @Res({ passthrough: true }) res: Response): Promise<DraftView> {
    const { draftId } = await this.createDraft.execute(CreateDraftCommand.create({ authorId: user.id, article }));
    res.setHeader('Location', `/v1/drafts/${draftId}`);
    return this.viewWithEtag(user, draftId, res);
  }

  @Get()
  @ApiOperation({ summary: 'List drafts: a reporter sees their own, editors see all' })
  @ApiResponse({ status: 200, type: DraftList })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListDraftsQuery): Promise<DraftList> {
    return this.read.list(user, { status: query.status, spiked: query.spiked ?? false, mine: query.mine ?? false, limit: query.limit, offset: query.offset });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One draft with its live status and every editor note' })
  @ApiResponse({ status: 200, type: DraftView })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    return this.viewWithEtag(user, id, res);
  }

  /**
   * The editorial checks of the draft's current text (`runEditorialChecks` from contracts, the
   * ones editorial-review runs on submission) against the site's section list (SITE_SECTIONS):
   * `{items: CheckResult[], summary: {errors, warnings}}`, items in article order. Readable by
   * whoever may read the draft; 404 DRAFT.NOT_FOUND for an unknown draft or someone else's
   * (to a reporter), 400 REQUEST.INVALID_ID for a malformed id.
   */
  @Get(':id/checks')
  @ApiOperation({ summary: 'The editorial checks of the draft as it stands: errors hold back approval, warnings are for the editor' })
  @ApiResponse({ status: 200, type: DraftChecksView })
  @ApiResponse({ status: 404, description: 'No such draft, or not the reader’s to see (DRAFT.NOT_FOUND)' })
  checks(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseArticleIdPipe) id: string): Promise<DraftChecksView> {
    return this.check.checks(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (its reporter); needs If-Match with the version edited' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version the edit was made on, e.g. "3"' })
  @ApiResponse({ status: 200, type: DraftView })
  @ApiResponse({ status: 412, description: 'The draft changed since that version (DRAFT.VERSION_CONFLICT)' })
  @ApiResponse({ status: 428, description: 'If-Match is missing (DRAFT.VERSION_REQUIRED)' })
  async edit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() changes: EditDraftRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    const command = EditDraftCommand.create({ draftId: id, actor: user, expectedVersion: parseIfMatchVersion(ifMatch), changes: onlySentFields(changes, req.body) });
    await this.editDraft.execute(command);
    return this.viewWithEtag(user, id, res);
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'Every saved revision, oldest first' })
  @ApiResponse({ status: 200, type: [RevisionView] })
  revisions(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseArticleIdPipe) id: string): Promise<RevisionView[]> {
    return this.read.revisions(user, id);
  }

  @Get(':id/revisions/:n')
  @ApiOperation({ summary: 'One revision' })
  @ApiResponse({ status: 200, type: RevisionView })
  revision(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Param('n', ParsePositiveIntPipe) n: number,
  ): Promise<RevisionView> {
    return this.read.revision(user, id, n);
  }

  @Post(':id/submit')
  @HttpCode(202)
  @ApiOperation({ summary: 'Submit the current revision for review (its reporter); If-Match optional' })
  @ApiResponse({ status: 202, type: DraftView })
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<DraftView> {
    await this.submitDraft.execute(SubmitDraftCommand.create({ draftId: id, actor: user, expectedVersion: parseIfMatchVersion(ifMatch) }));
    return this.read.get(user, id);
  }

  /**
   * Sub-editing: the editor reviewing the story edits its text (the same body as PATCH: the
   * fields to change, `body` replaced whole) on the version they were shown (If-Match, required).
   * Saved as a newer revision written by that editor and sent to review at once
   * (`news.article.submitted.v1` with `editedBy`); the story stays with them in review, and
   * approval publishes the edited text. 200 with the draft at its new version (ETag); an edit
   * that changes nothing saves nothing and answers the draft as it was.
   * 403 DRAFT.NOT_REVIEWER (anyone but the editor editorial review last reported holding it),
   * 409 DRAFT.NOT_IN_REVIEW (not claimed yet, or decided), 412 DRAFT.VERSION_CONFLICT,
   * 428 DRAFT.VERSION_REQUIRED, 400 REQUEST.VALIDATION_FAILED, 404 DRAFT.NOT_FOUND.
   */
  @Post(':id/sub-edits')
  @HttpCode(200)
  @Roles('editor')
  @ApiOperation({ summary: 'Edit the text under review (the editor reviewing it); saved as a new revision and sent to review at once; needs If-Match' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version the edit was made on, e.g. "3"' })
  @ApiBody({ type: EditDraftRequest })
  @ApiResponse({ status: 200, type: DraftView })
  @ApiResponse({ status: 403, description: 'Not the editor reviewing the story (DRAFT.NOT_REVIEWER)' })
  @ApiResponse({ status: 409, description: 'The story is not in review (DRAFT.NOT_IN_REVIEW)' })
  @ApiResponse({ status: 412, description: 'The draft changed since that version (DRAFT.VERSION_CONFLICT)' })
  @ApiResponse({ status: 428, description: 'If-Match is missing (DRAFT.VERSION_REQUIRED)' })
  async subEdit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() changes: EditDraftRequest,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    const command = SubEditDraftCommand.create({ draftId: id, actor: user, expectedVersion: parseIfMatchVersion(ifMatch), changes: onlySentFields(changes, req.body) });
    await this.subEditDraft.execute(command);
    return this.viewWithEtag(user, id, res);
  }

  /**
   * A newer revision of a published story, or of one taken off the site or whose publication
   * was cancelled: the text copied into a new revision the reporter edits (PATCH with If-Match)
   * and submits as usual; approved, it replaces the live text, or goes back on the site, at the
   * same address. 201 with the draft at its new version (ETag) and Location of the revision.
   * 409 DRAFT.NOT_REVISABLE unless the story is published, withdrawn or cancelled, 403 DRAFT.NOT_AUTHOR,
   * 404 DRAFT.NOT_FOUND, 412 DRAFT.VERSION_CONFLICT for a stale If-Match (optional).
   */
  @Post(':id/revisions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a newer revision of a published, withdrawn or cancelled story (its reporter); If-Match optional' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version seen, e.g. "3"' })
  @ApiResponse({ status: 201, type: DraftView })
  @ApiResponse({ status: 409, description: 'The story is not published, withdrawn or cancelled (DRAFT.NOT_REVISABLE)' })
  @ApiResponse({ status: 412, description: 'The draft changed since that version (DRAFT.VERSION_CONFLICT)' })
  async newRevision(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    const { revision } = await this.startRevision.execute(StartRevisionCommand.create({ draftId: id, actor: user, expectedVersion: parseIfMatchVersion(ifMatch) }));
    res.setHeader('Location', `/v1/drafts/${id}/revisions/${revision}`);
    return this.viewWithEtag(user, id, res);
  }

  /**
   * Spikes the story: it is set aside, left out of the lists (`GET /v1/drafts?spiked=true` lists
   * it), and read-only until unspiked; its text, revisions and timeline stay. 200 with the draft
   * (`spikedAt` set; again the same for a story already spiked). 409 DRAFT.NOT_SPIKEABLE for a
   * story that went live or is with the editors (only draft, changes_requested, recalled and rejected, never
   * live), 403 DRAFT.NOT_AUTHOR, 404 DRAFT.NOT_FOUND, 412 DRAFT.VERSION_CONFLICT for a stale
   * If-Match (optional).
   */
  @Post(':id/spike')
  @HttpCode(200)
  @ApiOperation({ summary: 'Spike a story that never went live (its reporter): set aside, read-only, until unspiked; If-Match optional' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version seen, e.g. "3"' })
  @ApiResponse({ status: 200, type: DraftView })
  @ApiResponse({ status: 409, description: 'The story went live, or is with the editors (DRAFT.NOT_SPIKEABLE)' })
  async spike(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DraftView> {
    await this.spikeDraft.execute(SpikeDraftCommand.create({ draftId: id, actor: user, expectedVersion: parseIfMatchVersion(ifMatch), spiked: true }));
    return this.viewWithEtag(user, id, res);
  }

  /**
   * Brings a spiked story back as it was (its status and text), on the reporter's list again.
   * 200 with the draft (the same for a story that is not spiked). 403 DRAFT.NOT_AUTHOR, 404
   * DRAFT.NOT_FOUND.
   */
  @Post(':id/unspike')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unspike a story (its reporter): back on the list as it was' })
  @ApiResponse({ status: 200, type: DraftView })
  async unspike(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseArticleIdPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<DraftView> {
    await this.spikeDraft.execute(SpikeDraftCommand.create({ draftId: id, actor: user, spiked: false }));
    return this.viewWithEtag(user, id, res);
  }

  /** The draft as `user` sees it, with its version in the ETag header. */
  private async viewWithEtag(user: AuthenticatedUser, id: string, res: Response): Promise<DraftView> {
    const view = await this.read.get(user, id);
    res.setHeader('ETag', versionEtag(view.version));
    return view;
  }
}

/**
 * The validated request keeps only the fields the client actually sent:
 * validation fills defaults (e.g. `tags: []`) that must not overwrite the draft.
 */
function onlySentFields(changes: EditDraftRequest, raw: unknown): Partial<ArticleContent> {
  const sent = raw && typeof raw === 'object' ? Object.keys(raw) : [];
  return Object.fromEntries(Object.entries(changes).filter(([key]) => sent.includes(key))) as Partial<ArticleContent>;
}
