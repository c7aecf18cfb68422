import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SLUG_PATTERN } from '@newsroom/contracts';
import { Public } from '@newsroom/auth';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import { renderNotFoundPage } from '../rendering/notice-pages';
import { renderNewsSitemap, renderSitemap, NEWS_SITEMAP_WINDOW_MS, SITEMAP_CONTENT_TYPE } from '../feeds/sitemaps';
import { FEED_FORMATS, FEED_SIZE, renderFeed, sectionFeedScope, siteFeedScope, type FeedFormat, type FeedScope } from '../feeds/syndication-feeds';
import { MISSING_CACHE } from './pages.http.controller';
import { SiteContextFactory } from './site-context';

const FEED_CACHE = 'public, max-age=120';

/** RSS, Atom and JSON Feed for the site and each section, and the sitemaps. */
@ApiTags('site')
@Public()
@Controller()
export class FeedsHttpController {
  constructor(
    private readonly read: ReadArticlesQuery,
    private readonly site: SiteContextFactory,
  ) {}

  @Get('feeds/rss.xml')
  @ApiOperation({ summary: 'RSS 2.0 feed of the latest 50 stories' })
  @ApiProduces(FEED_FORMATS.rss.contentType)
  rss(@Res() res: Response): Promise<void> {
    return this.feed(res, 'rss', siteFeedScope());
  }

  @Get('feeds/atom.xml')
  @ApiOperation({ summary: 'Atom feed of the latest 50 stories' })
  @ApiProduces(FEED_FORMATS.atom.contentType)
  atom(@Res() res: Response): Promise<void> {
    return this.feed(res, 'atom', siteFeedScope());
  }

  @Get('feeds/feed.json')
  @ApiOperation({ summary: 'JSON Feed of the latest 50 stories' })
  @ApiProduces(FEED_FORMATS.json.contentType)
  json(@Res() res: Response): Promise<void> {
    return this.feed(res, 'json', siteFeedScope());
  }

  @Get('sections/:section/feeds/rss.xml')
  @ApiOperation({ summary: "RSS 2.0 feed of one section's latest 50 stories" })
  @ApiProduces(FEED_FORMATS.rss.contentType)
  sectionRss(@Param('section') section: string, @Res() res: Response): Promise<void> {
    return this.sectionFeed(res, 'rss', section);
  }

  @Get('sections/:section/feeds/atom.xml')
  @ApiOperation({ summary: "Atom feed of one section's latest 50 stories" })
  @ApiProduces(FEED_FORMATS.atom.contentType)
  sectionAtom(@Param('section') section: string, @Res() res: Response): Promise<void> {
    return this.sectionFeed(res, 'atom', section);
  }

  @Get('sections/:section/feeds/feed.json')
  @ApiOperation({ summary: "JSON Feed of one section's latest 50 stories" })
  @ApiProduces(FEED_FORMATS.json.contentType)
  sectionJson(@Param('section') section: string, @Res() res: Response): Promise<void> {
    return this.sectionFeed(res, 'json', section);
  }

  @Get('sitemap.xml')
  @ApiOperation({ summary: 'Sitemap of every live article' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async sitemap(@Res() res: Response): Promise<void> {
    const articles = await this.read.allLive();
    send(res, SITEMAP_CONTENT_TYPE, renderSitemap(articles, this.site.publicBaseUrl));
  }

  @Get('sitemaps/news.xml')
  @ApiOperation({ summary: 'Google News sitemap: stories first published in the last two days' })
  @ApiProduces(SITEMAP_CONTENT_TYPE)
  async newsSitemap(@Res() res: Response): Promise<void> {
    const now = new Date();
    const articles = await this.read.publishedSince(new Date(now.getTime() - NEWS_SITEMAP_WINDOW_MS));
    send(res, SITEMAP_CONTENT_TYPE, renderNewsSitemap(articles, this.site.publicBaseUrl, now));
  }

  private async sectionFeed(res: Response, format: FeedFormat, section: string): Promise<void> {
    const articles = SLUG_PATTERN.test(section) ? (await this.read.list({ section, limit: FEED_SIZE, offset: 0 })).items : [];
    if (articles.length === 0) {
      res.status(404).setHeader('Cache-Control', MISSING_CACHE);
      res.type('html').send(renderNotFoundPage(await this.site.create()));
      return;
    }
    send(res, FEED_FORMATS[format].contentType, renderFeed(format, sectionFeedScope(section), articles, this.site.publicBaseUrl, new Date()));
  }

  private async feed(res: Response, format: FeedFormat, scope: FeedScope): Promise<void> {
    const { items } = await this.read.list({ limit: FEED_SIZE, offset: 0 });
    send(res, FEED_FORMATS[format].contentType, renderFeed(format, scope, items, this.site.publicBaseUrl, new Date()));
  }
}

function send(res: Response, contentType: string, body: string): void {
  res.status(200).setHeader('Cache-Control', FEED_CACHE);
  res.setHeader('Content-Type', contentType);
  res.send(body);
}
