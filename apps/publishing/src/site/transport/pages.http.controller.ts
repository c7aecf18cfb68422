import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SLUG_PATTERN } from '@newsroom/contracts';
import { Public } from '@newsroom/auth';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import { renderArticlePage } from '../rendering/article-page';
import { renderCorrectionsPage } from '../rendering/corrections-page';
import { renderFrontPage, renderSectionPage } from '../rendering/listing-pages';
import { renderNotFoundPage, renderWithdrawnPage } from '../rendering/notice-pages';
import { SiteContextFactory } from './site-context';

const FRONT_PAGE_SIZE = 30;
const SECTION_PAGE_SIZE = 30;
const MORE_STORIES = 4;
const CORRECTIONS_PAGE_SIZE = 200;

/** Pages change when articles do; a minute of caching spares the database without hiding news for long. */
export const PAGE_CACHE = 'public, max-age=60';
/** A missing page may be an article about to go live: cache that answer only briefly. */
export const MISSING_CACHE = 'public, max-age=10';

/** The public website: server-rendered HTML, no client-side scripts. */
@ApiTags('site')
@Public()
@Controller()
export class PagesHttpController {
  constructor(
    private readonly read: ReadArticlesQuery,
    private readonly site: SiteContextFactory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Front page: the latest stories, breaking news first' })
  @ApiProduces('text/html')
  async front(@Res() res: Response): Promise<void> {
    const [{ items }, site] = await Promise.all([this.read.list({ limit: FRONT_PAGE_SIZE, offset: 0 }), this.site.create()]);
    sendHtml(res, 200, renderFrontPage(items, site), PAGE_CACHE);
  }

  @Get('sections/:section')
  @ApiOperation({ summary: "One section's latest stories; 404 for a section without live stories" })
  @ApiProduces('text/html')
  async section(@Param('section') section: string, @Res() res: Response): Promise<void> {
    const site = await this.site.create();
    const items = SLUG_PATTERN.test(section) ? (await this.read.list({ section, limit: SECTION_PAGE_SIZE, offset: 0 })).items : [];
    if (items.length === 0) return sendHtml(res, 404, renderNotFoundPage(site), MISSING_CACHE);
    sendHtml(res, 200, renderSectionPage(section, items, site), PAGE_CACHE);
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'An article page; 410 with a notice when withdrawn, 404 when unknown or not live yet' })
  @ApiProduces('text/html')
  async article(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const [article, site] = await Promise.all([SLUG_PATTERN.test(slug) ? this.read.bySlug(slug) : null, this.site.create()]);
    if (!article) return sendHtml(res, 404, renderNotFoundPage(site), MISSING_CACHE);
    if (article.status === 'withdrawn') return sendHtml(res, 410, renderWithdrawnPage(site, article.withdrawal?.at ?? article.updatedAt), PAGE_CACHE);
    const { items } = await this.read.list({ section: article.content.section, limit: MORE_STORIES + 1, offset: 0 });
    const more = items.filter((other) => other.id !== article.id).slice(0, MORE_STORIES);
    sendHtml(res, 200, renderArticlePage(article, site, more), PAGE_CACHE);
  }

  @Get('corrections')
  @ApiOperation({ summary: 'Every published correction, newest first' })
  @ApiProduces('text/html')
  async corrections(@Res() res: Response): Promise<void> {
    const [entries, site] = await Promise.all([this.read.corrections(CORRECTIONS_PAGE_SIZE), this.site.create()]);
    sendHtml(res, 200, renderCorrectionsPage(entries, site), PAGE_CACHE);
  }
}

function sendHtml(res: Response, status: number, body: string, cacheControl: string): void {
  res.status(status).setHeader('Cache-Control', cacheControl);
  res.type('html').send(body);
}
