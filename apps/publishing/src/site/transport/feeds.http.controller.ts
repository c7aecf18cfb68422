import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline, type Readable } from 'node:stream';
import { Public } from '@newsroom/auth';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import { renderRobotsTxt } from '../feeds/robots';
import {
  ARTICLES_PER_SITEMAP,
  articleSitemap,
  listingSitemap,
  newsSitemap,
  NEWS_SITEMAP_WINDOW_MS,
  SITEMAP_CONTENT_TYPE,
  sitemapIndex,
} from '../feeds/sitemaps';
import { FEED_FORMATS, FEED_SIZE, renderFeed, siteFeedScope, storyListFeedScope, type FeedFormat, type FeedSite } from '../feeds/syndication-feeds';
import { sectionLabel } from '../rendering/layout';
import { namedStoryList, type StoryList } from '../rendering/listing-pages';
import { answerIfUnchanged, FEED_CACHE } from './http-caching';
import { isListName, pageNotFound, storyListFilter } from './pages.http.controller';
import { SiteContextFactory } from './site-context';

const FEED_FILES: Record<string, FeedFormat> = { 'rss.xml': 'rss', 'atom.xml': 'atom', 'feed.json': 'json' };

/** RSS, Atom and JSON Feed for the site and each section, tag and author; robots.txt and the sitemaps. */
@ApiTags('site')
@Public()
@Controller()
export class FeedsHttpController {
  constructor(
    private readonly read: ReadArticlesQuery,
    private readonly site: SiteContextFactory,
  ) {}

  @Get('feeds/:file')
  @ApiOperation({ summary: 'The latest 50 stories: rss.xml (RSS 2.0), atom.xml (Atom), feed.json (JSON Feed 1.1)' })
  @ApiProduces(FEED_FORMATS.rss.contentType, FEED_FORMATS.atom.contentType, FEED_FORMATS.json.contentType)
  async siteFeed(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const format = feedFormat(file);
    if (await this.unchanged(req, res)) return;
    const { items } = await this.read.list({ limit: FEED_SIZE, offset: 0 });
    sendFeed(res, format, renderFeed(format, siteFeedScope(this.feedSite()), items, this.site.publicBaseUrl, new Date()));
  }

  @Get('sections/:section/feeds/:file')
  @ApiOperation({ summary: "A section's latest 50 stories as rss.xml, atom.xml or feed.json; 404 for a section without live stories" })
  @ApiProduces(FEED_FORMATS.rss.contentType, FEED_FORMATS.atom.contentType, FEED_FORMATS.json.contentType)
  sectionFeed(@Param('section') section: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyListFeed(req, res, file, { kind: 'section', section });
  }

  @Get('tags/:tag/feeds/:file')
  @ApiOperation({ summary: "A tag's latest 50 stories as rss.xml, atom.xml or feed.json; 404 for a tag without live stories" })
  @ApiProduces(FEED_FORMATS.rss.contentType, FEED_FORMATS.atom.contentType, FEED_FORMATS.json.contentType)
  tagFeed(@Param('tag') tag: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyListFeed(req, res, file, { kind: 'tag', tag });
  }

  @Get('authors/:slug/feeds/:file')
  @ApiOperation({ summary: "An author's latest 50 stories as rss.xml, atom.xml or feed.json; 404 when there are none" })
  @ApiProduces(FEED_FORMATS.rss.contentType, FEED_FORMATS.atom.contentType, FEED_FORMATS.json.contentType)
  authorFeed(@Param('slug') slug: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.storyListFeed(req, res, file, { kind: 'author', slug, name: slug });
  }

  @Get('robots.txt')
  @ApiOperation({ summary: 'robots.txt: everything but search and the API may be crawled; points to the sitemap index' })
  @ApiProduces('text/plain')
  robots(@Res() res: Response): void {
    res.status(200).setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/plain').send(renderRobotsTxt(this.site.publicBaseUrl));
  }

  @Get('sitemap.xml')
  @ApiOperation({ summary: 'Sitemap index: the listing pages, the live articles (one file per 10,000) and the news sitemap' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async sitemap(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    const chunks = await this.read.refChunks(ARTICLES_PER_SITEMAP);
    sendStream(res, sitemapIndex(this.site.publicBaseUrl, chunks, newestOf(chunks)));
  }

  @Get('sitemaps/pages.xml')
  @ApiOperation({ summary: 'Sitemap of the front page and every section, tag and author page with live stories' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async pagesSitemap(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    const [sections, tags, authors, chunks] = await Promise.all([this.read.sectionRefs(), this.read.tags(), this.read.authors(), this.read.refChunks(ARTICLES_PER_SITEMAP)]);
    sendStream(res, listingSitemap(this.site.publicBaseUrl, { sections, tags, authors }, newestOf(chunks)));
  }

  @Get('sitemaps/articles-:chunk.xml')
  @ApiOperation({ summary: 'One file of the articles sitemap: live articles in publication order, 10,000 a file; 404 past the last' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async articlesSitemap(@Param('chunk') rawChunk: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    const chunk = /^[1-9][0-9]{0,5}$/.test(rawChunk) ? Number(rawChunk) : 0;
    const chunks = await this.read.refChunks(ARTICLES_PER_SITEMAP);
    if (!chunks.some((known) => known.chunk === chunk)) throw pageNotFound();
    sendStream(res, articleSitemap(this.read.refs(chunk, ARTICLES_PER_SITEMAP), this.site.publicBaseUrl));
  }

  @Get('sitemaps/news.xml')
  @ApiOperation({ summary: 'Google News sitemap: stories first published in the last two days' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async newsSitemap(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.unchanged(req, res)) return;
    const now = new Date();
    const articles = await this.read.publishedSince(new Date(now.getTime() - NEWS_SITEMAP_WINDOW_MS));
    sendStream(res, newsSitemap(articles, this.site.publicBaseUrl, now, this.site.siteName));
  }

  private feedSite(): FeedSite {
    const context = this.site.bare();
    return { name: context.name, language: context.language, timeZone: context.timeZone, ...(context.logoUrl ? { logoUrl: context.logoUrl } : {}), sectionLabel: (slug) => sectionLabel(context, slug) };
  }

  /** Answers 304 when the reader's copy is current (see answerIfUnchanged); sets the validators otherwise. */
  private async unchanged(req: Request, res: Response): Promise<boolean> {
    return answerIfUnchanged(req, res, { variant: this.site.variant, revision: await this.read.siteRevision(), cacheControl: FEED_CACHE, now: new Date() });
  }

  private async storyListFeed(req: Request, res: Response, file: string, list: StoryList): Promise<void> {
    const format = feedFormat(file);
    if (await this.unchanged(req, res)) return;
    if (!isListName(list)) throw pageNotFound();
    const filter = storyListFilter(list);
    const { items } = await this.read.list({ ...filter, limit: FEED_SIZE, offset: 0 });
    if (items.length === 0) throw pageNotFound();
    sendFeed(res, format, renderFeed(format, storyListFeedScope(namedStoryList(list, items[0]), this.feedSite()), items, this.site.publicBaseUrl, new Date()));
  }
}

function feedFormat(file: string): FeedFormat {
  const format = FEED_FILES[file];
  if (!format) throw pageNotFound();
  return format;
}

function newestOf(chunks: { lastModified: Date }[]): Date | undefined {
  return chunks.reduce<Date | undefined>((newest, chunk) => (!newest || chunk.lastModified > newest ? chunk.lastModified : newest), undefined);
}

function sendFeed(res: Response, format: FeedFormat, body: string): void {
  res.status(200).setHeader('Cache-Control', FEED_CACHE);
  res.setHeader('Content-Type', FEED_FORMATS[format].contentType);
  res.send(body);
}

/** Streams a sitemap out as it is written; a failure half-way ends the response, which a crawler retries. */
function sendStream(res: Response, body: Readable): void {
  res.status(200).setHeader('Cache-Control', FEED_CACHE);
  res.setHeader('Content-Type', SITEMAP_CONTENT_TYPE);
  pipeline(body, res, () => undefined);
}
