import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleContent, PRIORITIES, type Priority } from '@newsroom/contracts';
import { renderArticleBody } from '../rendering/article-body';
import { textDirection } from '../rendering/direction';
import { humanize, joinNames } from '../rendering/labels';
import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';

/** IPTC urgency: 1 is the most urgent. Breaking news is flash; everything else routine. */
export const URGENCY = { breaking: 1, normal: 4 } as const satisfies Record<Priority, number>;

export class NinjsSubject {
  @ApiProperty({ example: 'Politics' }) name!: string;
  @ApiProperty({ description: '`section:<slug>` or `tag:<slug>`', example: 'section:politics' }) code!: string;
}

export class CorrectionView {
  @ApiProperty() note!: string;
  @ApiProperty({ format: 'date-time' }) correctedAt!: string;
}

/** A live or withdrawn article in a list: the ninjs fields without the body. */
export class ArticleSummaryView {
  @ApiProperty({ format: 'uri', description: 'Canonical URL of the article page' }) uri!: string;
  @ApiProperty({ enum: ['text'] }) type!: 'text';
  @ApiProperty({ description: 'Increases with every change readers can see', example: '2' }) version!: string;
  @ApiProperty({ format: 'date-time', description: 'When this version was made' }) versioncreated!: string;
  @ApiProperty({ format: 'date-time', description: 'First publication' }) firstcreated!: string;
  @ApiProperty({ enum: ['usable', 'withdrawn'] }) pubstatus!: 'usable' | 'withdrawn';
  @ApiProperty() headline!: string;
  @ApiPropertyOptional({ description: 'The standfirst' }) description_text?: string;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty({ enum: ['ltr', 'rtl'], description: 'Writing direction of the language: how to set `dir` when showing the text' }) direction!: 'ltr' | 'rtl';
  @ApiProperty({ example: 'Olena Kravets and Tom Reyes' }) byline!: string;
  @ApiPropertyOptional({ description: 'The dateline place' }) located?: string;
  @ApiProperty({ type: [NinjsSubject] }) subject!: NinjsSubject[];
  @ApiProperty({ description: 'IPTC urgency: 1 breaking, 4 routine', enum: [1, 4] }) urgency!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'harbour-council-approves-night-time-crane-ban' }) slug!: string;
  @ApiProperty({ example: 'politics' }) section!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ description: 'The approved drafting revision that is live' }) revision!: number;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
}

export class ArticleView extends ArticleSummaryView {
  @ApiPropertyOptional({ description: 'The body as safe HTML (absent when withdrawn)' }) body_html?: string;
  @ApiPropertyOptional({ type: () => ArticleContent, description: 'The structured article (absent when withdrawn)' }) article?: ArticleContent;
  @ApiProperty({ type: [CorrectionView], description: 'Oldest first' }) corrections!: CorrectionView[];
}

export class ArticleList {
  @ApiProperty({ type: [ArticleSummaryView] }) items!: ArticleSummaryView[];
  @ApiProperty() total!: number;
}

export function toArticleSummary(article: PublicArticle, publicBaseUrl: string): ArticleSummaryView {
  const { content } = article;
  return {
    uri: articleUrl(publicBaseUrl, article.slug),
    type: 'text',
    version: String(article.version),
    versioncreated: article.updatedAt.toISOString(),
    firstcreated: article.publishedAt.toISOString(),
    pubstatus: article.status === 'published' ? 'usable' : 'withdrawn',
    headline: content.headline,
    ...(content.standfirst ? { description_text: content.standfirst } : {}),
    language: content.language,
    direction: textDirection(content.language),
    byline: joinNames(content.bylines.map((byline) => byline.name)),
    ...(content.dateline ? { located: content.dateline.place } : {}),
    subject: [
      { name: humanize(content.section), code: `section:${content.section}` },
      ...content.tags.map((tag) => ({ name: humanize(tag), code: `tag:${tag}` })),
    ],
    urgency: URGENCY[article.priority],
    id: article.id,
    slug: article.slug,
    section: content.section,
    tags: [...content.tags],
    revision: article.revision,
    priority: article.priority,
  };
}

export function toArticleView(article: PublicArticle, publicBaseUrl: string): ArticleView {
  const live = article.status === 'published';
  return {
    ...toArticleSummary(article, publicBaseUrl),
    ...(live ? { body_html: renderArticleBody(article.content).value, article: article.content } : {}),
    corrections: article.corrections.map((c) => ({ note: c.note, correctedAt: c.correctedAt.toISOString() })),
  };
}
