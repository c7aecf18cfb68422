import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ArticleContent, exampleArticle } from '@newsroom/contracts';
import { Roles } from '@newsroom/auth';
import { html } from '@newsroom/html';
import { slugFromHeadline } from '../../articles/domain/slug';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { renderArticlePage } from '../rendering/article-page';
import { SiteContextFactory } from './site-context';

/** A preview is the editors' eyes only: no search engine indexes it, no cache keeps it. */
export const PREVIEW_ROBOTS = 'noindex, nofollow, noarchive';
export const PREVIEW_CACHE = 'no-store, private';

/** Stands for the article's id, which a preview does not need (nothing links to it). */
const PREVIEW_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The article page exactly as readers would see it, before it exists: the desk sends an article
 * and gets back the HTML the public page renders (`renderArticlePage`, the same site settings),
 * marked as a preview.
 */
@ApiTags('site')
@ApiBearerAuth()
@Controller('v1/preview')
export class PreviewHttpController {
  constructor(private readonly site: SiteContextFactory) {}

  /**
   * Renders `article` (the article model, as drafting takes it) as its public page would look if
   * published now: normal priority, no corrections, no related stories, no shares. A banner
   * says it is a preview; `<meta name="robots">` and `X-Robots-Tag` say noindex; `Cache-Control:
   * no-store`. Nothing is stored. 400 REQUEST.VALIDATION_FAILED (every problem listed) for an
   * article drafting would refuse; 401/403 without a reporter's or editor's token.
   */
  @Post()
  @HttpCode(200)
  @Roles('reporter', 'editor')
  @ApiOperation({ summary: 'Preview an article as its public page (reporters, editors): HTML, never stored or cached' })
  @ApiBody({ type: ArticleContent, examples: { article: { summary: 'A complete article', value: exampleArticle() } } })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The page, with a preview banner' })
  @ApiResponse({ status: 400, description: 'The article is not valid (REQUEST.VALIDATION_FAILED)' })
  preview(@Body() article: ArticleContent, @Res() res: Response): void {
    const site = this.site.bare();
    const page = renderArticlePage(previewArticle(article, site.now), site, [], 0, {
      robots: PREVIEW_ROBOTS,
      notice: html`<p class="corrections-notice preview-banner" role="status"><strong>Preview</strong> — not published; this page is not stored and cannot be shared.</p>`,
    });
    res.status(200).setHeader('Cache-Control', PREVIEW_CACHE);
    res.setHeader('X-Robots-Tag', PREVIEW_ROBOTS);
    res.type('html').send(page);
  }
}

/** The article as the page renderer takes a live one: published now, first revision. */
function previewArticle(content: ArticleContent, now: Date): PublicArticle {
  return {
    id: PREVIEW_ID,
    slug: slugFromHeadline(content.headline) || 'preview',
    status: 'published',
    revision: 1,
    version: 1,
    content,
    priority: 'normal',
    publishedAt: now,
    updatedAt: now,
    revisedAt: null,
    correctedAt: null,
    withdrawal: null,
    corrections: [],
  };
}
