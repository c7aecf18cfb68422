import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '@newsroom/auth';
import { PageQuery } from '@newsroom/platform';
import { SearchArticlesCommand, SEARCH_TEXT_MAX_LENGTH } from '../../articles/use-cases/search-articles/search-articles.command';
import { SearchArticlesQuery, type SearchHit } from '../../articles/use-cases/search-articles/search-articles.query';
import { highlightSnippet, stripMarks } from '../rendering/search-page';
import { ArticleSummaryView, toArticleSummary } from './article-api.views';
import { ReadArticlesQuery } from '../../articles/use-cases/read-articles/read-articles.query';
import { answerIfUnchanged, SEARCH_CACHE } from './http-caching';
import { SiteContextFactory } from './site-context';

export class SearchRequest extends PageQuery {
  @ApiProperty({ maxLength: SEARCH_TEXT_MAX_LENGTH, description: 'Words as typed into a search box: `"exact phrase"`, `or`, `-excluded`', example: 'crane ban' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'q is required: say what to search for' })
  @MaxLength(SEARCH_TEXT_MAX_LENGTH)
  q!: string;
}

export class SearchHighlightView {
  @ApiProperty({ description: 'The headline as plain text' }) headline!: string;
  @ApiProperty({ description: 'The headline as safe HTML, matched words in <mark>' }) headline_html!: string;
  @ApiProperty({ description: 'A passage of the text where the words occur, plain text' }) snippet!: string;
  @ApiProperty({ description: 'The passage as safe HTML: text escaped, matched words in <mark>' }) snippet_html!: string;
}

export class SearchHitView extends ArticleSummaryView {
  @ApiProperty({ type: SearchHighlightView }) highlight!: SearchHighlightView;
  @ApiProperty({ description: 'Relevance; higher is better, comparable within one search only' }) rank!: number;
}

export class SearchResultsView {
  @ApiProperty() q!: string;
  @ApiProperty({ type: [SearchHitView], description: 'Best match first' }) items!: SearchHitView[];
  @ApiProperty({ description: 'Every match, beyond this page too' }) total!: number;
  @ApiPropertyOptional() limit!: number;
  @ApiPropertyOptional() offset!: number;
}

/** Full-text search over live articles, as JSON (the same search as the /search page). */
@ApiTags('articles')
@Controller('v1/search')
export class SearchApiHttpController {
  constructor(
    private readonly search: SearchArticlesQuery,
    private readonly read: ReadArticlesQuery,
    private readonly site: SiteContextFactory,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Search live articles (public): each in its language’s text search configuration, ranked, with highlighted passages',
  })
  @ApiResponse({ status: 200, type: SearchResultsView })
  @ApiResponse({ status: 400, description: 'No q, q over 200 characters, bad limit/offset, unknown parameters (REQUEST.VALIDATION_FAILED)' })
  async find(@Query() request: SearchRequest, @Req() req: Request, @Res() res: Response): Promise<void> {
    const revision = await this.read.siteRevision();
    if (answerIfUnchanged(req, res, { variant: this.site.variant, revision, cacheControl: SEARCH_CACHE, now: new Date() })) return;
    const { items, total } = await this.search.execute(SearchArticlesCommand.create({ text: request.q, limit: request.limit, offset: request.offset }));
    const body: SearchResultsView = { q: request.q, items: items.map((hit) => this.toView(hit)), total, limit: request.limit, offset: request.offset };
    res.json(body);
  }

  private toView(hit: SearchHit): SearchHitView {
    return {
      ...toArticleSummary(hit.article, this.site.publicBaseUrl),
      highlight: {
        headline: stripMarks(hit.headline),
        headline_html: highlightSnippet(hit.headline).value,
        snippet: stripMarks(hit.snippet),
        snippet_html: highlightSnippet(hit.snippet).value,
      },
      rank: hit.rank,
    };
  }
}
