import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsObject, IsString, Length, Max, MaxLength, Min, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { ARTICLE_LIMITS, LIST_STYLES, type ArticleBlockType, type ListStyle } from './article-limits';
import { IsHttpUrl, IsTimestamp, OneLine, OptionalField, Trim } from './field-rules';
import { hasVisibleText, IsNotBlank } from '../text/visible-text';

const LIMITS = ARTICLE_LIMITS.blocks;
const URL_MAX = ARTICLE_LIMITS.url.maxLength;
const URL_DESCRIPTION = 'Absolute http(s) URL; other schemes and relative URLs are rejected.';

export class ParagraphBlock {
  @ApiProperty({ enum: ['paragraph'], example: 'paragraph' })
  @Equals('paragraph')
  readonly type = 'paragraph' as const;

  @ApiProperty({
    minLength: LIMITS.paragraph.text.minLength,
    maxLength: LIMITS.paragraph.text.maxLength,
    description: 'Text with the inline markup: **bold**, _italic_, [label](https://…); backslash escapes \\* \\_ \\[ \\] \\( \\) \\\\.',
    example: 'The council voted **7 to 2** to approve the _revised_ plan.',
  })
  @IsString()
  @MaxLength(LIMITS.paragraph.text.maxLength)
  @IsNotBlank()
  text!: string;
}

export class SubheadingBlock {
  @ApiProperty({ enum: ['subheading'], example: 'subheading' })
  @Equals('subheading')
  readonly type = 'subheading' as const;

  @ApiProperty({
    minLength: LIMITS.subheading.text.minLength,
    maxLength: LIMITS.subheading.text.maxLength,
    description: 'Plain text on one line (a line break becomes a space), trimmed. An empty subheading is accepted here and flagged by the editorial checks.',
    example: 'What happens next',
  })
  @OneLine()
  @IsString()
  @MaxLength(LIMITS.subheading.text.maxLength)
  text!: string;
}

export class QuoteBlock {
  @ApiProperty({ enum: ['quote'], example: 'quote' })
  @Equals('quote')
  readonly type = 'quote' as const;

  @ApiProperty({
    minLength: LIMITS.quote.text.minLength,
    maxLength: LIMITS.quote.text.maxLength,
    description: 'The quoted words, without quotation marks; the same inline markup as paragraphs.',
    example: 'We will not be rushed into a decision that lasts fifty years.',
  })
  @IsString()
  @MaxLength(LIMITS.quote.text.maxLength)
  @IsNotBlank()
  text!: string;

  @ApiPropertyOptional({
    maxLength: LIMITS.quote.attribution.maxLength,
    description: 'Who said it, plain text on one line (a line break becomes a space), trimmed. Optional here; the editorial checks flag a quote without one.',
    example: 'Marta Ilves, council chair',
  })
  @OptionalField()
  @OneLine()
  @IsString()
  @MaxLength(LIMITS.quote.attribution.maxLength)
  attribution?: string;
}

/**
 * A bulleted or numbered list: "What we know so far", the steps of a plan, the results of a
 * vote. One level of items, each a line of text with the paragraphs' inline markup.
 */
export class ListBlock {
  @ApiProperty({ enum: ['list'], example: 'list' })
  @Equals('list')
  readonly type = 'list' as const;

  @ApiProperty({ enum: LIST_STYLES, example: 'bulleted', description: 'bulleted, or numbered from 1 where the order matters' })
  @IsIn(LIST_STYLES)
  style!: ListStyle;

  @ApiProperty({
    type: [String],
    minItems: LIMITS.list.items.minItems,
    maxItems: LIMITS.list.items.maxItems,
    description: `The items in order, each ${LIMITS.list.item.minLength} to ${LIMITS.list.item.maxLength} characters of text with the same inline markup as paragraphs.`,
    example: ['Polls close at **10pm**.', 'Results are expected _overnight_.'],
  })
  @IsArray()
  @ArrayMinSize(LIMITS.list.items.minItems)
  @ArrayMaxSize(LIMITS.list.items.maxItems)
  @AreListItems()
  items!: string[];
}

/** Why `item` (1-based `number`) cannot be a list item, or undefined when it can. */
function listItemProblem(item: unknown, number: number): string | undefined {
  const { maxLength } = LIMITS.list.item;
  if (typeof item !== 'string') return `must hold text in every item (a list inside a list is not kept); item ${number} is not text`;
  if (item.length > maxLength) return `must hold items of at most ${maxLength} characters; item ${number} has ${item.length}`;
  if (!hasVisibleText(item)) return `must hold visible text in every item; item ${number} is only spaces or invisible characters`;
  return undefined;
}

/** Each item text of at most the limit with visible text; the refusal names the first item that is not, by its number. */
function AreListItems(): PropertyDecorator {
  return ValidateBy({
    name: 'areListItems',
    validator: {
      validate: (items: unknown) => Array.isArray(items) && items.every((item, index) => listItemProblem(item, index + 1) === undefined),
      defaultMessage: (args?: ValidationArguments) => {
        const items = Array.isArray(args?.value) ? (args.value as unknown[]) : [];
        const problem = items.map((item, index) => listItemProblem(item, index + 1)).find((found) => found !== undefined);
        return `$property ${problem ?? 'must hold text in every item'}`;
      },
    },
  });
}

const PIXELS = LIMITS.image.pixels;

/** One more size of an image block's picture: its URL and how wide it is. */
export class ImageRendition {
  @ApiProperty({ format: 'uri', maxLength: URL_MAX, description: URL_DESCRIPTION, example: 'https://images.example.org/harbour-640.jpg' })
  @IsHttpUrl()
  url!: string;

  @ApiProperty({ minimum: PIXELS.min, maximum: PIXELS.max, description: 'Width of this rendition in pixels (its `srcset` descriptor).', example: 640 })
  @IsInt()
  @Min(PIXELS.min)
  @Max(PIXELS.max)
  width!: number;

  @ApiPropertyOptional({ minimum: PIXELS.min, maximum: PIXELS.max, description: 'Height in pixels; the block\'s aspect ratio when absent.', example: 427 })
  @OptionalField()
  @IsInt()
  @Min(PIXELS.min)
  @Max(PIXELS.max)
  height?: number;
}

export class ImageBlock {
  @ApiProperty({ enum: ['image'], example: 'image' })
  @Equals('image')
  readonly type = 'image' as const;

  @ApiProperty({ format: 'uri', maxLength: URL_MAX, description: URL_DESCRIPTION, example: 'https://images.example.org/harbour.jpg' })
  @IsHttpUrl()
  url!: string;

  @ApiProperty({
    minLength: LIMITS.image.alt.minLength,
    maxLength: LIMITS.image.alt.maxLength,
    description: 'Text alternative for readers who cannot see the image; plain text on one line (a line break becomes a space), trimmed.',
    example: 'Container cranes at dusk above a quiet harbour',
  })
  @OneLine()
  @IsString()
  @Length(LIMITS.image.alt.minLength, LIMITS.image.alt.maxLength)
  alt!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.image.caption.maxLength, description: 'Plain text, trimmed.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.image.caption.maxLength)
  caption?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.image.credit.maxLength, description: 'Photographer or agency; plain text on one line (a line break becomes a space), trimmed.' })
  @OptionalField()
  @OneLine()
  @IsString()
  @MaxLength(LIMITS.image.credit.maxLength)
  credit?: string;

  @ApiPropertyOptional({
    minimum: PIXELS.min,
    maximum: PIXELS.max,
    description: 'Intrinsic width of the image at `url`, in pixels. With `height`, pages reserve its space before it loads.',
    example: 1600,
  })
  @OptionalField()
  @IsInt()
  @Min(PIXELS.min)
  @Max(PIXELS.max)
  width?: number;

  @ApiPropertyOptional({ minimum: PIXELS.min, maximum: PIXELS.max, description: 'Intrinsic height of the image at `url`, in pixels.', example: 1067 })
  @OptionalField()
  @IsInt()
  @Min(PIXELS.min)
  @Max(PIXELS.max)
  height?: number;

  @ApiPropertyOptional({
    type: () => [ImageRendition],
    maxItems: LIMITS.image.renditions.maxItems,
    description: 'The same picture in other widths (smaller or larger), offered to browsers as `srcset`.',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(LIMITS.image.renditions.maxItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ImageRendition)
  renditions?: ImageRendition[];
}

export class EmbedBlock {
  @ApiProperty({ enum: ['embed'], example: 'embed' })
  @Equals('embed')
  readonly type = 'embed' as const;

  @ApiProperty({ format: 'uri', maxLength: URL_MAX, description: URL_DESCRIPTION, example: 'https://video.example.org/watch/4821' })
  @IsHttpUrl()
  url!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.embed.provider.maxLength, description: 'Name of the hosting service; plain text on one line (a line break becomes a space), trimmed.' })
  @OptionalField()
  @OneLine()
  @IsString()
  @MaxLength(LIMITS.embed.provider.maxLength)
  provider?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.embed.title.maxLength, description: 'Plain text on one line (a line break becomes a space), trimmed.' })
  @OptionalField()
  @OneLine()
  @IsString()
  @MaxLength(LIMITS.embed.title.maxLength)
  title?: string;
}

export class RelatedArticleBlock {
  @ApiProperty({ enum: ['related'], example: 'related' })
  @Equals('related')
  readonly type = 'related' as const;

  @ApiProperty({ format: 'uri', maxLength: URL_MAX, description: URL_DESCRIPTION, example: 'https://example.org/news/harbour-plan' })
  @IsHttpUrl()
  url!: string;

  @ApiProperty({ minLength: LIMITS.related.headline.minLength, maxLength: LIMITS.related.headline.maxLength, description: 'Plain text on one line (a line break becomes a space), trimmed.' })
  @OneLine()
  @IsString()
  @Length(LIMITS.related.headline.minLength, LIMITS.related.headline.maxLength)
  headline!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.related.teaser.maxLength, description: 'Plain text, trimmed.' })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(LIMITS.related.teaser.maxLength)
  teaser?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the related article was published, ISO-8601 with a time zone; pages show it as a relative time.',
    example: '2025-11-20T17:05:00Z',
  })
  @OptionalField()
  @IsTimestamp()
  publishedAt?: string;
}

export type ArticleBlock = ParagraphBlock | SubheadingBlock | QuoteBlock | ListBlock | ImageBlock | EmbedBlock | RelatedArticleBlock;

/** The class that validates each block type; `satisfies` keeps it in step with BLOCK_TYPES. */
export const ARTICLE_BLOCK_CLASSES = {
  paragraph: ParagraphBlock,
  subheading: SubheadingBlock,
  quote: QuoteBlock,
  list: ListBlock,
  image: ImageBlock,
  embed: EmbedBlock,
  related: RelatedArticleBlock,
} as const satisfies { [K in ArticleBlockType]: new () => Extract<ArticleBlock, { type: K }> };
