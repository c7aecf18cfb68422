import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Byline, Dateline, IsNotBlank, IsScheduleTime, IsTagSlug, SLUG_PATTERN, TAG_RULE, type ArticleContent } from '@newsroom/contracts';
import { PageQuery } from '@newsroom/platform';
import { SHARE_NETWORKS, type ShareNetwork } from '../../articles/domain/share-networks';
import { CORRECTION_NOTE_MAX_LENGTH } from '../../articles/use-cases/correct-article/correct-article.command';
import { KILL_REASON_MAX_LENGTH } from '../../articles/use-cases/kill-article/kill-article.command';
import { WITHDRAWAL_REASON_MAX_LENGTH } from '../../articles/use-cases/unpublish-article/unpublish-article.command';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListArticlesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'politics' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'section must be a slug such as politics' })
  section?: string;

  @ApiPropertyOptional({ example: 'ukraine', description: `A tag: ${TAG_RULE}` })
  @IsOptional()
  @IsTagSlug()
  tag?: string;
}

/**
 * The article fields a correction may replace, each named so that the validation pipe's
 * whitelist sees them: any other key is refused as an unknown field, as in every other body.
 * The values are left to the domain, which validates the live text merged with them as an
 * article (ARTICLE.INVALID_CORRECTION with `changes.…` paths) — one check of the whole result
 * rather than a second, partial one of the pieces here. Implementing the article's fields
 * keeps this list complete when the article model gains one.
 */
export class CorrectionChangesRequest implements Record<keyof ArticleContent, unknown> {
  @ApiPropertyOptional({ type: String, description: 'The headline as it should read' })
  @Allow()
  headline!: unknown;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The standfirst as it should read' })
  @Allow()
  standfirst!: unknown;

  @ApiPropertyOptional({ type: () => Dateline, nullable: true })
  @Allow()
  dateline!: unknown;

  @ApiPropertyOptional({ type: String, pattern: SLUG_PATTERN.source })
  @Allow()
  section!: unknown;

  @ApiPropertyOptional({ type: [String], description: 'Replaced whole' })
  @Allow()
  tags!: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, description: 'The words each tag was typed as; replaced whole. New tags without it keep the labels of the tags that stay' })
  @Allow()
  tagLabels!: unknown;

  @ApiPropertyOptional({ type: () => Byline, isArray: true, description: 'Replaced whole' })
  @Allow()
  bylines!: unknown;

  @ApiPropertyOptional({ type: String })
  @Allow()
  language!: unknown;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Replaced whole: every block, as in the article format' })
  @Allow()
  body!: unknown;
}

export class CorrectArticleRequest {
  @ApiProperty({ maxLength: CORRECTION_NOTE_MAX_LENGTH, description: 'Shown to readers under the article and on /corrections', example: 'An earlier version gave the wrong vote count.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'note is required: say what was corrected' })
  @IsNotBlank()
  @MaxLength(CORRECTION_NOTE_MAX_LENGTH)
  note!: string;

  @ApiPropertyOptional({
    type: () => CorrectionChangesRequest,
    description:
      'Article fields to replace (body and tags are replaced whole); at least one must differ from the live text. Leave it out for a note-only correction. The corrected article is validated like any article and must pass the automated checks that block an approval.',
    example: { body: [{ type: 'paragraph', text: 'The council voted **7 to 2** on Thursday.' }] },
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionChangesRequest)
  changes?: CorrectionChangesRequest;
}

export class UnpublishArticleRequest {
  @ApiProperty({ maxLength: WITHDRAWAL_REASON_MAX_LENGTH, description: 'Why the article is withdrawn; kept internal, shared with the newsroom in the event', example: 'Legal hold' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @IsNotBlank()
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH)
  reason!: string;
}

export class KillArticleRequest {
  @ApiProperty({ maxLength: KILL_REASON_MAX_LENGTH, description: 'Why the article is killed; kept in publishing only, never served or sent in an event', example: 'Court order 2025/118' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @IsNotBlank()
  @MaxLength(KILL_REASON_MAX_LENGTH)
  reason!: string;
}

export class RescheduleArticleRequest {
  @ApiProperty({ format: 'date-time', description: 'The new time to go live (ISO 8601 with a zone). An embargo still holds; a time already past publishes now.', example: '2025-11-21T18:00:00Z' })
  // With its zone, as an approval's publishAt: a bare date or a time without a zone is refused,
  // not read as UTC (an editor in New York who typed 10:00 meant their own 10:00).
  @IsScheduleTime()
  publishAt!: string;
}

export class ShareRequest {
  @ApiProperty({ enum: SHARE_NETWORKS, description: 'Where the reader shared the story', example: 'x' })
  @IsIn(SHARE_NETWORKS, { message: `network must be one of ${SHARE_NETWORKS.join(', ')}` })
  network!: ShareNetwork;
}
