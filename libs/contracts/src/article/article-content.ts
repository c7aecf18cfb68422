import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { ARTICLE_BLOCK_CLASSES, type ArticleBlock } from './article-blocks';
import { IsArticleBody } from './article-body';
import { ARTICLE_LIMITS, BLOCK_TYPES, LANGUAGE_PATTERN, SLUG_PATTERN } from './article-limits';
import { IsCalendarDate, IsTagLabels, IsTagList, OneLine, OptionalField, TAG_RULE, Trim } from './field-rules';
import { IsNotBlank } from '../text/visible-text';

const SLUG_RULE = 'lowercase letters and digits in words joined by single hyphens';

export class Dateline {
  @ApiProperty({
    minLength: ARTICLE_LIMITS.dateline.place.minLength,
    maxLength: ARTICLE_LIMITS.dateline.place.maxLength,
    description: 'Where the story was reported from; plain text on one line (a line break becomes a space), trimmed.',
    example: 'Kyiv',
  })
  @OneLine()
  @IsString()
  @Length(ARTICLE_LIMITS.dateline.place.minLength, ARTICLE_LIMITS.dateline.place.maxLength)
  place!: string;

  @ApiProperty({ format: 'date', description: 'The reporting date, YYYY-MM-DD.', example: '2025-11-21' })
  @IsCalendarDate()
  date!: string;
}

export class Byline {
  @ApiProperty({
    minLength: ARTICLE_LIMITS.bylines.name.minLength,
    maxLength: ARTICLE_LIMITS.bylines.name.maxLength,
    description: 'The name as printed; plain text on one line (a line break becomes a space), trimmed.',
    example: 'Olena Kravets',
  })
  @OneLine()
  @IsString()
  @Length(ARTICLE_LIMITS.bylines.name.minLength, ARTICLE_LIMITS.bylines.name.maxLength)
  name!: string;

  @ApiPropertyOptional({
    minLength: ARTICLE_LIMITS.bylines.id.minLength,
    maxLength: ARTICLE_LIMITS.bylines.id.maxLength,
    description: 'Stable identifier of the author (e.g. the user id), when the byline belongs to a staff account.',
  })
  @OptionalField()
  @IsString()
  @Length(ARTICLE_LIMITS.bylines.id.minLength, ARTICLE_LIMITS.bylines.id.maxLength)
  id?: string;
}

const BLOCK_SCHEMA_REFS = BLOCK_TYPES.map((type) => ({ $ref: getSchemaPath(ARTICLE_BLOCK_CLASSES[type]) }));
const BLOCK_SCHEMA_MAPPING = Object.fromEntries(BLOCK_TYPES.map((type) => [type, getSchemaPath(ARTICLE_BLOCK_CLASSES[type])]));

/**
 * The content of a news article, as reporters write it and readers see it. The same shape is
 * used by drafting's API, the article events and the publishing API.
 */
@ApiExtraModels(...Object.values(ARTICLE_BLOCK_CLASSES))
export class ArticleContent {
  @ApiProperty({
    minLength: ARTICLE_LIMITS.headline.minLength,
    maxLength: ARTICLE_LIMITS.headline.maxLength,
    description: 'Plain text on one line (a line break becomes a space), trimmed; must show some text: not empty after trimming, nor made only of invisible characters.',
    example: 'Harbour council approves night-time crane ban',
  })
  @OneLine()
  @IsString()
  @Length(ARTICLE_LIMITS.headline.minLength, ARTICLE_LIMITS.headline.maxLength)
  @IsNotBlank()
  @IsDefined({ message: '$property is required' })
  headline!: string;

  @ApiPropertyOptional({
    maxLength: ARTICLE_LIMITS.standfirst.maxLength,
    description: 'The one- or two-sentence summary under the headline; plain text, trimmed.',
  })
  @OptionalField()
  @Trim()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.standfirst.maxLength)
  standfirst?: string;

  @ApiPropertyOptional({ type: () => Dateline, description: 'Shown as "Kyiv, November 21 –" before the first paragraph.' })
  @OptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => Dateline)
  dateline?: Dateline;

  @ApiProperty({ pattern: SLUG_PATTERN.source, maxLength: ARTICLE_LIMITS.section.maxLength, example: 'politics' })
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section.maxLength)
  @Matches(SLUG_PATTERN, { message: `$property must be a slug: ${SLUG_RULE}` })
  @IsDefined({ message: '$property is required' })
  section!: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: ARTICLE_LIMITS.tags.maxItems,
    uniqueItems: true,
    items: { type: 'string', maxLength: ARTICLE_LIMITS.tags.maxLength },
    description: `Unique tags, each ${TAG_RULE}; absent or null means no tags.`,
    example: ['ukraine', 'energy'],
    default: [],
  })
  @Transform(({ value }: { value: unknown }) => value ?? [], { toClassOnly: true })
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags.maxItems)
  @ArrayUnique()
  @IsTagList()
  tags: string[] = [];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: ARTICLE_LIMITS.tags.labelMaxLength },
    description:
      `The words a tag was typed as, where they say more than its slug: capitals, accents, another script ({"gdansk-street": "Gdańsk Street", "kiyiv": "Київ"}). ` +
      `Each key one of \`tags\`, each label text whose tag is that key, at most ${ARTICLE_LIMITS.tags.labelMaxLength} characters, on one line. Pages, feeds and ninjs show the label; addresses and alerts use the tag. Absent or null means none.`,
    example: { 'gdansk-street': 'Gdańsk Street' },
  })
  @OptionalField()
  @IsTagLabels()
  tagLabels?: Record<string, string>;

  @ApiProperty({ type: () => Byline, isArray: true, minItems: ARTICLE_LIMITS.bylines.minItems, maxItems: ARTICLE_LIMITS.bylines.maxItems })
  @IsArray()
  @ArrayMinSize(ARTICLE_LIMITS.bylines.minItems)
  @ArrayMaxSize(ARTICLE_LIMITS.bylines.maxItems)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => Byline)
  @IsDefined({ message: '$property is required' })
  bylines!: Byline[];

  @ApiProperty({ pattern: LANGUAGE_PATTERN.source, description: 'Language code with an optional region: en, uk, en-GB.', example: 'en' })
  @IsString()
  @Matches(LANGUAGE_PATTERN, { message: '$property must be a language code such as en, uk or en-GB' })
  @IsDefined({ message: '$property is required' })
  language!: string;

  @ApiProperty({
    type: 'array',
    minItems: ARTICLE_LIMITS.body.minItems,
    maxItems: ARTICLE_LIMITS.body.maxItems,
    items: { oneOf: BLOCK_SCHEMA_REFS, discriminator: { propertyName: 'type', mapping: BLOCK_SCHEMA_MAPPING } },
    description: `Ordered blocks, each an object whose "type" is one of: ${BLOCK_TYPES.join(', ')}.`,
  })
  @IsArticleBody()
  body!: ArticleBlock[];
}

/**
 * The article's complete content as an event or a command carries it: required,
 * an object, and validated in depth as ArticleContent (issues at `article.body.2.text`).
 */
export function IsArticleContent(): PropertyDecorator {
  // Applied last to first, as the same decorators stacked on a field would be.
  const decorators = [IsDefined(), IsObject(), ValidateNested(), Type(() => ArticleContent)].reverse();
  return (target, propertyKey) => decorators.forEach((decorate) => decorate(target, propertyKey));
}
