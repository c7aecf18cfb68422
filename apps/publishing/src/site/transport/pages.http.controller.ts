import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, isTagSlug, SLUG_PATTERN, truncateText } from '@newsroom/contracts';
import { Public } from '@newsroom/auth';
import { articleGone, articleWithdrawn } from '../../articles/domain/article.errors';
import { articleUrl } from '../../articles/domain/public-urls';
import { isShareNetwork, SHARE_NETWORKS } from '../../articles/domain/share-networks';
import { isAuthorSlug } from '../../articles/domain/slug';
import { RecordShareCommand } from '../../articles/use-cases/record-share/record-share.command';
import { RecordShareUseCase } from '../../articles/use-cases/record-share/record-share.use-case';
import { ShareCountsQuery } from '../../articles/use-cases/record-share/share-counts.query';
import { ReadArticlesQuery, type ArticleFilter } from '../../articles/use-cases/read-articles/read-articles.query';
import { RelatedArticlesQuery } from '../../articles/use-cases/related-articles/related-articles.query';
import { SearchArticlesCommand } from '../../articles/use-cases/search-articles/search-articles.command';
import { SearchArticlesQuery } from '../../articles/use-cases/search-articles/search-articles.query';
import { renderArticlePage } from '../rendering/article-page';
import { renderCorrectionsPage } from '../rendering/corrections-page';
import { namedStoryList, renderFrontPage, renderStoryListPage, storyListPath, type StoryList } from '../rendering/listing-pages';
import { renderGonePage, renderWithdrawnPage } from '../rendering/notice-pages';
import { lastPage, type Paging } from '../rendering/pagination';
import { renderSearchPage } from '../rendering/search-page';
import { shareLinks } from '../rendering/share-links';
import { answerIfUnchanged, PAGE_CACHE, RELATIVE_TIME_STEP_MS, SEARCH_CACHE } from './http-caching';
import { pageNumber, searchText } from './listing-request';
import { SiteContextFactory } from './site-context';
import { wantsHtml } from './site-error.filter';

export const LIST_PAGE_SIZE = 30;
export const SEARCH_PAGE_SIZE = 20;
const CORRECTIONS_PAGE_SIZE = 50;

/** Nothing public at this address: the error filter answers with the 404 page (or JSON, if asked). */
export const pageNotFound = () => new DomainError('PAGE.NOT_FOUND', 'No such page', 'not_found');

const unknownNetwork = (network: string) =>
  new DomainError('REQUEST.INVALID_NETWORK', `Cannot share on ${JSON.stringify(truncateText(network, 40))}; networks: ${SHARE_NETWORKS.join(', ')}`, 'validation');

/** The public website: server-rendered HTML, no client-side scripts. */
@ApiTags('site')
@Public()
@Controller()
export class PagesHttpController {
  constructor(
    private readonly read: ReadArticlesQuery,
    private readonly related: RelatedArticlesQuery,
    private readonly shares: ShareCountsQuery,
    private readonly recordShare: RecordShareUseCase,
    private readonly search: SearchArticlesQuery,
    private readonly site: SiteContextFactory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Front page: the latest stories, breaking news first; `?page=2` and on for older ones' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  async front(@Query('page') rawPage: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = pageNumber(rawPage);
    if (await this.unchanged(req, res, PAGE_CACHE)) return;
    const [{ items, total }, site] = await Promise.all([this.read.list(slice({}, page)), this.site.create()]);
    const paging: Paging = { page, pageSize: LIST_PAGE_SIZE, total, path: '/' };
    if (page > lastPage(paging)) throw pageNotFound();
    sendHtml(res, 200, renderFrontPage(items, site, paging), PAGE_CACHE);
  }

  @Get('sections/:section')
  @ApiOperation({ summary: "One section's stories, newest first; a section on the managed list has its page before it has stories, any other section without live stories is a 404" })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  section(@Param('section') section: string, @Query('page') page: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyList(req, res, { kind: 'section', section }, page);
  }

  @Get('tags/:tag')
  @ApiOperation({ summary: 'Stories with one tag, newest first; 404 for a tag without live stories' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  tag(@Param('tag') tag: string, @Query('page') page: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyList(req, res, { kind: 'tag', tag }, page);
  }

  @Get('authors/:slug')
  @ApiOperation({ summary: 'Stories by one author (their byline name as a slug), newest first; 404 when there are none' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  author(@Param('slug') slug: string, @Query('page') page: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyList(req, res, { kind: 'author', slug, name: slug }, page);
  }

  @Get('search')
  @ApiOperation({ summary: 'Search results for `q`, best match first, with highlighted passages; the search box alone without `q`' })
  @ApiQuery({ name: 'q', required: false, type: String })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  async searchPage(@Query('q') rawQuery: unknown, @Query('page') rawPage: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const text = searchText(rawQuery);
    const page = pageNumber(rawPage);
    if (await this.unchanged(req, res, SEARCH_CACHE)) return;
    const [results, site] = await Promise.all([
      text === ''
        ? { items: [], total: 0 }
        : this.search.execute(SearchArticlesCommand.create({ text, limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE })),
      this.site.create(),
    ]);
    const paging: Paging = { page, pageSize: SEARCH_PAGE_SIZE, total: results.total, path: '/search', params: text ? { q: text } : {} };
    if (page > lastPage(paging)) throw pageNotFound();
    sendHtml(res, 200, renderSearchPage(text, results.items, site, paging), SEARCH_CACHE);
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'An article page; 410 with a notice when withdrawn, 410 saying nothing when killed, 404 when unknown or not live yet' })
  @ApiProduces('text/html')
  async article(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res, PAGE_CACHE)) return;
    const [article, site] = await Promise.all([SLUG_PATTERN.test(slug) ? this.read.bySlug(slug) : null, this.site.create()]);
    if (!article) {
      if (SLUG_PATTERN.test(slug) && (await this.read.isKilled({ slug }))) return sendGone(req, res, articleGone(), () => renderGonePage(site));
      throw pageNotFound();
    }
    if (article.status === 'withdrawn') return sendGone(req, res, articleWithdrawn(), () => renderWithdrawnPage(site, article.withdrawal?.at ?? article.updatedAt));
    const [related, shares] = await Promise.all([this.related.execute(article, site.publicBaseUrl), this.shares.execute(article.id)]);
    sendHtml(res, 200, renderArticlePage(article, site, related, shares.total), PAGE_CACHE);
  }

  /**
   * A share button of the article page (a form, so no script is needed and no crawler's GET
   * counts): counts the share (POST /v1/articles/:id/shares) and sends the reader on to the
   * network's own share page with 303. 400 REQUEST.INVALID_NETWORK for an unknown network,
   * the 404 page for an article that is not live.
   */
  @Post('articles/:slug/share/:network')
  @ApiOperation({ summary: "A share button: counts the share and redirects (303) to the network's share page" })
  async share(@Param('slug') slug: string, @Param('network') network: string, @Res() res: Response): Promise<void> {
    if (!isShareNetwork(network)) throw unknownNetwork(network);
    const article = SLUG_PATTERN.test(slug) ? await this.read.bySlug(slug) : null;
    if (article?.status !== 'published') throw pageNotFound();
    await this.recordShare.execute(RecordShareCommand.create({ articleId: article.id, network }));
    const target = shareLinks(articleUrl(this.site.publicBaseUrl, article.slug), article.content.headline).find((link) => link.network === network);
    res.status(303).setHeader('Cache-Control', 'no-store');
    res.setHeader('Location', target?.href ?? articleUrl(this.site.publicBaseUrl, article.slug));
    res.end();
  }

  @Get('corrections')
  @ApiOperation({ summary: `Every published correction, newest first, ${CORRECTIONS_PAGE_SIZE} a page; 400 for a bad page, 404 past the last` })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiProduces('text/html')
  async corrections(@Query('page') rawPage: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = pageNumber(rawPage);
    if (await this.unchanged(req, res, PAGE_CACHE)) return;
    const [{ entries, total }, site] = await Promise.all([this.read.corrections(CORRECTIONS_PAGE_SIZE, (page - 1) * CORRECTIONS_PAGE_SIZE), this.site.create()]);
    const paging: Paging = { page, pageSize: CORRECTIONS_PAGE_SIZE, total, path: '/corrections' };
    if (page > lastPage(paging)) throw pageNotFound();
    sendHtml(res, 200, renderCorrectionsPage(entries, site, paging), PAGE_CACHE);
  }

  /** Answers 304 when the reader's copy is current (see answerIfUnchanged); sets the validators otherwise. */
  private async unchanged(req: Request, res: Response, cacheControl: string): Promise<boolean> {
    const revision = await this.read.siteRevision();
    return answerIfUnchanged(req, res, { variant: this.site.variant, revision, cacheControl, now: new Date(), timeStepMs: RELATIVE_TIME_STEP_MS });
  }

  /**
   * A section's, tag's or author's page `rawPage`; 404 when the page is past the last, or when the
   * list has no live stories and is not a section on the managed list.
   */
  private async storyList(req: Request, res: Response, list: StoryList, rawPage: unknown): Promise<void> {
    const page = pageNumber(rawPage);
    if (await this.unchanged(req, res, PAGE_CACHE)) return;
    if (!isListName(list)) throw pageNotFound();
    const filter = storyListFilter(list);
    const [{ items, total }, site] = await Promise.all([this.read.list(slice(filter, page)), this.site.create()]);
    const paging: Paging = { page, pageSize: LIST_PAGE_SIZE, total, path: storyListPath(list) };
    // A section on the managed list has its page (in the navigation) before it has stories; other lists exist through their stories.
    const listed = list.kind === 'section' && this.site.isListedSection(list.section);
    if ((total === 0 && !listed) || page > lastPage(paging)) throw pageNotFound();
    sendHtml(res, 200, renderStoryListPage(namedStoryList(list, items[0]), items, site, paging), PAGE_CACHE);
  }
}

/** The one slug a story list filters by. */
/**
 * Whether a list's address names one that can exist: a tag by the tag rule (isTagSlug: `東京`
 * too), an author by the author rule (isAuthorSlug: `山田太郎` too), a section by SLUG_PATTERN.
 * Anything else is a 404 without a query.
 */
export function isListName(list: StoryList): boolean {
  if (list.kind === 'tag') return isTagSlug(list.tag);
  if (list.kind === 'author') return isAuthorSlug(list.slug);
  return SLUG_PATTERN.test(list.section);
}

export function storyListFilter(list: StoryList): { section: string } | { tag: string } | { author: string } {
  switch (list.kind) {
    case 'section':
      return { section: list.section };
    case 'tag':
      return { tag: list.tag };
    case 'author':
      return { author: list.slug };
  }
}

function slice(filter: Omit<ArticleFilter, 'limit' | 'offset'>, page: number): ArticleFilter {
  return { ...filter, limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE };
}

/**
 * A removed article's address (410): its notice page to a browser, kept like any page; the coded
 * error (`gone`) to a client that prefers JSON, as every other error of the site answers it
 * (SiteErrorFilter). The answer varies by Accept either way.
 */
function sendGone(req: Request, res: Response, gone: DomainError, page: () => string): void {
  res.vary('Accept');
  if (!wantsHtml(req)) throw gone;
  sendHtml(res, 410, page(), PAGE_CACHE);
}

function sendHtml(res: Response, status: number, body: string, cacheControl: string): void {
  res.status(status).setHeader('Cache-Control', cacheControl);
  res.type('html').send(body);
}
