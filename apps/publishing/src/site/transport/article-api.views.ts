import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ArticleContent, isHttpUrl, PRIORITIES, textDirection, type ImageBlock, type Priority } from '@newsroom/contracts';
import { renderArticleBody } from '../rendering/article-body';
import { imageSources } from '../rendering/images';
import { humanize, joinNames, tagName } from '../rendering/labels';
import type { TimeLocale } from '../rendering/time-format';
import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';

/** IPTC urgency: 1 is the most urgent. Breaking news is flash; everything else routine. */
export const URGENCY = { breaking: 1, normal: 4 } as const satisfies Record<Priority, number>;

export class NinjsSubject {
  @ApiProperty({ example: 'Politics' }) name!: string;
  @ApiProperty({ description: '`section:<slug>` or `tag:<slug>`', example: 'section:politics' }) code!: string;
}

/** One size of a picture (ninjs rendition). */
export class NinjsRendition {
  @ApiProperty({ format: 'uri' }) href!: string;
  @ApiPropertyOptional({ description: 'Pixels' }) width?: number;
  @ApiPropertyOptional({ description: 'Pixels' }) height?: number;
}

/** A picture of the article (ninjs association of type `picture`). */
@ApiExtraModels(NinjsRendition)
export class NinjsPicture {
  @ApiProperty({ enum: ['picture'] }) type!: 'picture';
  @ApiProperty({ format: 'uri', description: 'The picture as the article gives it' }) uri!: string;
  @ApiProperty({ description: 'The text alternative (alt)' }) description_text!: string;
  @ApiPropertyOptional({ description: 'The caption' }) body_text?: string;
  @ApiPropertyOptional({ description: 'The credit: photographer or agency' }) byline?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(NinjsRendition) },
    description: '`original` (the block\'s own URL) and `w<width>` for each rendition of known width',
  })
  renditions!: Record<string, NinjsRendition>;
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

@ApiExtraModels(NinjsPicture)
export class ArticleView extends ArticleSummaryView {
  @ApiPropertyOptional({ description: 'The body as safe HTML (absent when withdrawn)' }) body_html?: string;
  @ApiPropertyOptional({ type: () => ArticleContent, description: 'The structured article (absent when withdrawn)' }) article?: ArticleContent;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(NinjsPicture) },
    description: 'The article\'s pictures in body order, named `image1`, `image2`… (ninjs associations; absent when withdrawn or without pictures)',
  })
  associations?: Record<string, NinjsPicture>;
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
      ...content.tags.map((tag) => ({ name: tagName(tag, content.tagLabels), code: `tag:${tag}` })),
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

/** `locale`: the site's interface language and zone, for the body's own words (a related story's label and date). */
export function toArticleView(article: PublicArticle, publicBaseUrl: string, locale?: TimeLocale): ArticleView {
  const live = article.status === 'published';
  return {
    ...toArticleSummary(article, publicBaseUrl),
    ...(live ? { body_html: renderArticleBody(article.content, locale ? { locale } : {}).value, article: article.content, ...pictures(article.content.body) } : {}),
    corrections: article.corrections.map((c) => ({ note: c.note, correctedAt: c.correctedAt.toISOString() })),
  };
}

/** The body's pictures as ninjs associations, each with its renditions (ninjs 1.x `renditions` object). */
function pictures(body: ArticleContent['body']): { associations?: Record<string, NinjsPicture> } {
  const images = body.filter((block): block is ImageBlock => block.type === 'image' && isHttpUrl(block.url));
  if (images.length === 0) return {};
  return { associations: Object.fromEntries(images.map((image, index) => [`image${index + 1}`, picture(image)])) };
}

function picture(image: ImageBlock): NinjsPicture {
  const original: NinjsRendition = { href: image.url, ...(image.width ? { width: image.width } : {}), ...(image.height ? { height: image.height } : {}) };
  const others = imageSources(image).filter((source) => source.url !== image.url);
  return {
    type: 'picture',
    uri: image.url,
    description_text: image.alt,
    ...(image.caption ? { body_text: image.caption } : {}),
    ...(image.credit ? { byline: image.credit } : {}),
    renditions: {
      original,
      ...Object.fromEntries(others.map((source) => [`w${source.width}`, { href: source.url, width: source.width, ...(source.height ? { height: source.height } : {}) }])),
    },
  };
}
