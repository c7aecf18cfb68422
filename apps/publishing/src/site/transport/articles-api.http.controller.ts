import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ArticleContent, CORRECTABLE_FIELDS, exampleArticle, type CorrectableField } from '@newsroom/contracts';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@newsroom/auth';
import { ParseArticleIdPipe, parseIfMatchVersion } from '@newsroom/platform';
import { InjectPublishingConfig } from '../../config/publishing-config.module';
import type { PublishingConfig } from '../../config/publishing.config';
import { articleGone, articleNotFound } from '../../articles/domain/article.errors';
import { KillArticleCommand } from '../../articles/use-cases/kill-article/kill-article.command';
import { KillArticleUseCase } from '../../articles/use-cases/kill-article/kill-article.use-case';
import { CorrectArticleCommand } from '../../articles/use-cases/correct-article/correct-article.command';
import { CorrectArticleUseCase } from '../../articles/use-cases/correct-article/correct-article.use-case';
import { PreviewCorrectionCarryCommand } from '../../articles/use-cases/preview-correction-carry/preview-correction-carry.command';
import { PreviewCorrectionCarryQuery, type CorrectionCarryPreview } from '../../articles/use-cases/preview-correction-carry/preview-correction-carry.query';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import { RecordShareCommand } from '../../articles/use-cases/record-share/record-share.command';
import { RecordShareUseCase } from '../../articles/use-cases/record-share/record-share.use-case';
import { UnpublishArticleCommand } from '../../articles/use-cases/unpublish-article/unpublish-article.command';
import { UnpublishArticleUseCase } from '../../articles/use-cases/unpublish-article/unpublish-article.use-case';
import { ArticleList, ArticleView, toArticleSummary, toArticleView } from './article-api.views';
import { answerIfUnchanged, API_CACHE } from './http-caching';
import { CorrectArticleRequest, KillArticleRequest, ListArticlesQuery, ShareRequest, UnpublishArticleRequest } from './article.requests';

/** What an editor gets back from a kill: which article, and that it is gone. */
export class KilledArticleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['killed'] }) status!: 'killed';
  @ApiProperty({ format: 'date-time' }) killedAt!: string;
}

/** An article's share counts after a share was counted. */
export class ShareCountsView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Shares on every network together' }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Shares per network, every network listed', example: { email: 0, x: 3 } })
  byNetwork!: Record<string, number>;
}

/** A correction of the live text, as editors see it (the public log has the note and the time only). */
export class TextCorrectionView {
  @ApiProperty({ description: 'The note readers see' }) note!: string;
  @ApiProperty({ format: 'date-time' }) correctedAt!: string;
  @ApiProperty({ description: 'The editor who made it (user id)' }) editorId!: string;
  @ApiProperty({ type: [String], description: 'Top-level article fields it changed, sorted' }) changedFields!: string[];
}

/** What approving a newer revision would do with the corrections of the live text. */
export class CorrectionCarryView {
  @ApiProperty({ format: 'uuid' }) articleId!: string;
  @ApiProperty({ description: 'The approved revision readers see now' }) liveRevision!: number;
  @ApiProperty({ enum: CORRECTABLE_FIELDS, isArray: true, description: 'Corrected fields the revision still holds as approved: it takes the corrected text as it goes live' })
  carried!: CorrectableField[];
  @ApiProperty({
    enum: CORRECTABLE_FIELDS,
    isArray: true,
    description: 'Corrected fields the revision rewrote itself: its text goes live there without the correction; read them against it before approving',
  })
  notCarried!: CorrectableField[];
  @ApiProperty({ type: [TextCorrectionView], description: 'The live revision\'s corrections that changed its text, oldest first; empty when the revision has nothing to take from them' })
  corrections!: TextCorrectionView[];
}

/**
 * The JSON API of the article resource: public reads (ninjs) and editors' corrections and
 * withdrawals, which answer with the same view. It lives with the site because its views
 * render the article body as the pages do.
 */
@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesApiHttpController {
  constructor(
    private readonly read: ReadArticlesQuery,
    private readonly correctArticle: CorrectArticleUseCase,
    private readonly unpublishArticle: UnpublishArticleUseCase,
    private readonly killArticle: KillArticleUseCase,
    private readonly recordShare: RecordShareUseCase,
    private readonly previewCarry: PreviewCorrectionCarryQuery,
    @InjectPublishingConfig() private readonly config: PublishingConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Live articles, newest first (public)' })
  @ApiResponse({ status: 200, type: ArticleList })
  async list(@Query() query: ListArticlesQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    const { items, total } = await this.read.list(query);
    const body: ArticleList = { items: items.map((article) => toArticleSummary(article, this.config.publicBaseUrl)), total };
    res.json(body);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One article in ninjs form (public); a withdrawn article has pubstatus "withdrawn" and no body' })
  @ApiResponse({ status: 200, type: ArticleView })
  @ApiResponse({ status: 404, description: 'Unknown, or not published yet (ARTICLE.NOT_FOUND)' })
  @ApiResponse({ status: 410, description: 'Killed: nothing more is said (ARTICLE.GONE)' })
  async get(@Param('id', ParseArticleIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    res.json(await this.current(id));
  }

  /**
   * Counts one share of a live article (the site's share buttons post here through
   * `/articles/:slug/share/:network`; apps call it directly). Public, no personal data kept.
   * 400 REQUEST.VALIDATION_FAILED for an unknown network or unknown fields, 404
   * ARTICLE.NOT_FOUND for an article that is not live.
   */
  @Post(':id/shares')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Count a share of a live article on a network (public; only counters are kept)' })
  @ApiResponse({ status: 200, type: ShareCountsView })
  @ApiResponse({ status: 400, description: 'Unknown network or field (REQUEST.VALIDATION_FAILED)' })
  @ApiResponse({ status: 404, description: 'Unknown or not live (ARTICLE.NOT_FOUND)' })
  async share(@Param('id', ParseArticleIdPipe) id: string, @Body() request: ShareRequest): Promise<ShareCountsView> {
    const counts = await this.recordShare.execute(RecordShareCommand.create({ articleId: id, network: request.network }));
    return { id, ...counts };
  }

  @Post(':id/corrections')
  @Roles('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Correct a live article (editors): replaces the given fields and logs the note publicly' })
  @ApiResponse({ status: 201, type: ArticleView })
  @ApiResponse({
    status: 400,
    description:
      'No note, an unknown field in changes (REQUEST.VALIDATION_FAILED); the corrected article is invalid (ARTICLE.INVALID_CORRECTION); changes given but none differs from the live text (ARTICLE.NOTHING_CORRECTED)',
  })
  @ApiResponse({
    status: 409,
    description:
      'The article is not live (ARTICLE.NOT_PUBLISHED); the corrected article fails an automated check that blocks approval, such as UNSAFE_LINK (ARTICLE.BLOCKING_CHECKS, details list the failing checks)',
  })
  @ApiResponse({ status: 412, description: 'If-Match names a version the article is no longer at (ARTICLE.VERSION_CONFLICT, details.currentVersion)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The article `version` the correction was made from, e.g. "3" (RFC 9110 §13.1.1): refused with 412 once the live text has changed since' })
  async correct(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Body() request: CorrectArticleRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleView> {
    // `changes: null` is a note alone, as an absent field is (null means "not set" in every request).
    const changes = request.changes ? { ...request.changes } : undefined;
    const expectedVersion = parseIfMatchVersion(ifMatch);
    await this.correctArticle.execute(CorrectArticleCommand.create({ articleId: id, editorId: user.id, note: request.note, changes, expectedVersion }));
    res.setHeader('Cache-Control', 'no-store');
    return this.current(id);
  }

  /**
   * What approving `article`, a newer revision of this live story, would do with the
   * corrections editors made to the live text since its revision was approved: the merge
   * publishing makes as the revision goes live (`carryCorrection`), computed now and not
   * stored. The review screen asks it so that an editor hears before approving, not after, that
   * the revision rewrote a paragraph a correction had changed. 400 REQUEST.VALIDATION_FAILED
   * for an article drafting would refuse; 404 ARTICLE.NOT_FOUND when the story never went live;
   * 410 ARTICLE.GONE when it was killed.
   */
  @Post(':id/correction-carry')
  @HttpCode(200)
  @Roles('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'What approving a newer revision would do with the live text\'s corrections (editors); nothing is stored' })
  @ApiBody({ type: ArticleContent, examples: { revision: { summary: 'The revision under review', value: exampleArticle() } } })
  @ApiResponse({ status: 200, type: CorrectionCarryView })
  @ApiResponse({ status: 400, description: 'The article is not valid (REQUEST.VALIDATION_FAILED)' })
  @ApiResponse({ status: 404, description: 'Unknown, or never live (ARTICLE.NOT_FOUND)' })
  @ApiResponse({ status: 410, description: 'Killed (ARTICLE.GONE)' })
  async correctionCarry(@Param('id', ParseArticleIdPipe) id: string, @Body() article: ArticleContent, @Res({ passthrough: true }) res: Response): Promise<CorrectionCarryView> {
    const preview = await this.previewCarry.execute(PreviewCorrectionCarryCommand.create({ articleId: id, article }));
    res.setHeader('Cache-Control', 'no-store');
    return toCorrectionCarryView(preview);
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @Roles('editor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Withdraw a live article (editors): its page answers 410 from now on' })
  @ApiResponse({ status: 200, type: ArticleView })
  @ApiResponse({ status: 409, description: 'The article is not live (ARTICLE.NOT_PUBLISHED)' })
  async unpublish(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Body() request: UnpublishArticleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ArticleView> {
    await this.unpublishArticle.execute(UnpublishArticleCommand.create({ articleId: id, editorId: user.id, reason: request.reason }));
    res.setHeader('Cache-Control', 'no-store');
    return this.current(id);
  }

  @Post(':id/kill')
  @HttpCode(200)
  @Roles('editor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Kill an article (editors): a legal removal. Its text and metadata leave every output; its page and API answer 410 with nothing more',
  })
  @ApiResponse({ status: 200, type: KilledArticleView })
  @ApiResponse({ status: 409, description: 'Already killed (ARTICLE.KILLED)' })
  async kill(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseArticleIdPipe) id: string,
    @Body() request: KillArticleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<KilledArticleView> {
    const result = await this.killArticle.execute(KillArticleCommand.create({ articleId: id, editorId: user.id, reason: request.reason }));
    res.setHeader('Cache-Control', 'no-store');
    return { id: result.articleId, status: 'killed', killedAt: result.at.toISOString() };
  }

  /** Answers 304 when the client's copy is current (see answerIfUnchanged); sets the validators otherwise. */
  private async unchanged(req: Request, res: Response): Promise<boolean> {
    return answerIfUnchanged(req, res, { variant: this.config.publicBaseUrl, revision: await this.read.siteRevision(), cacheControl: API_CACHE, now: new Date() });
  }

  /** The article as the API shows it now; ARTICLE.NOT_FOUND when unknown or never public, ARTICLE.GONE when killed. */
  private async current(id: string): Promise<ArticleView> {
    const article = await this.read.byId(id);
    if (!article) throw (await this.read.isKilled({ id })) ? articleGone() : articleNotFound(id);
    return toArticleView(article, this.config.publicBaseUrl, { language: this.config.site.language, timeZone: this.config.site.timeZone });
  }
}

function toCorrectionCarryView(preview: CorrectionCarryPreview): CorrectionCarryView {
  return {
    ...preview,
    corrections: preview.corrections.map(({ note, correctedAt, editorId, changedFields }) => ({ note, correctedAt: correctedAt.toISOString(), editorId, changedFields })),
  };
}
