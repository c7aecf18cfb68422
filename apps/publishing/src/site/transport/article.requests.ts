import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@newsroom/contracts';
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

  @ApiPropertyOptional({ example: 'ukraine' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'tag must be a slug such as climate-change' })
  tag?: string;
}

export class CorrectArticleRequest {
  @ApiProperty({ maxLength: CORRECTION_NOTE_MAX_LENGTH, description: 'Shown to readers under the article and on /corrections', example: 'An earlier version gave the wrong vote count.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'note is required: say what was corrected' })
  @MaxLength(CORRECTION_NOTE_MAX_LENGTH)
  note!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Article fields to replace (any of the ArticleContent fields; body and tags are replaced whole). The corrected article is validated like any article.',
    example: { body: [{ type: 'paragraph', text: 'The council voted **7 to 2** on Thursday.' }] },
  })
  @IsOptional()
  @IsObject()
  changes?: Record<string, unknown>;
}

export class UnpublishArticleRequest {
  @ApiProperty({ maxLength: WITHDRAWAL_REASON_MAX_LENGTH, description: 'Why the article is withdrawn; kept internal, shared with the newsroom in the event', example: 'Legal hold' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(WITHDRAWAL_REASON_MAX_LENGTH)
  reason!: string;
}

export class KillArticleRequest {
  @ApiProperty({ maxLength: KILL_REASON_MAX_LENGTH, description: 'Why the article is killed; kept in publishing only, never served or sent in an event', example: 'Court order 2025/118' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'reason is required' })
  @MaxLength(KILL_REASON_MAX_LENGTH)
  reason!: string;
}

export class RescheduleArticleRequest {
  @ApiProperty({ format: 'date-time', description: 'The new time to go live (ISO 8601 with a zone). An embargo still holds; a time already past publishes now.', example: '2025-11-21T18:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'publishAt must be an ISO 8601 date-time such as 2025-11-21T18:00:00Z' })
  publishAt!: string;
}

export class ShareRequest {
  @ApiProperty({ enum: SHARE_NETWORKS, description: 'Where the reader shared the story', example: 'x' })
  @IsIn(SHARE_NETWORKS, { message: `network must be one of ${SHARE_NETWORKS.join(', ')}` })
  network!: ShareNetwork;
}
