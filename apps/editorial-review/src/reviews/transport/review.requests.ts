import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { ARTICLE_LIMITS, IsScheduleTime, IsTimestamp, NOTE_MAX_LENGTH, PRIORITIES, SLUG_PATTERN, type Priority } from '@newsroom/contracts';
import { PageQuery } from '@newsroom/platform';
import { REVIEW_STATUSES, type ReviewStatus } from '../domain/review-status';
import { BlockAnchor } from '../use-cases/comment-on-review/comment-on-review.command';
import { EditorNote } from '../use-cases/editor.command';

export class ListReviewsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, description: 'Only items in this status; all statuses when absent' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: ReviewStatus;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, example: 'politics', description: "Only stories filed under this section (the revision under review's); every section when absent" })
  @IsOptional()
  @MaxLength(ARTICLE_LIMITS.section.maxLength)
  @Matches(SLUG_PATTERN, { message: 'section must be a section slug such as politics' })
  section?: string;
}

export class ClaimRequest {
  @ApiPropertyOptional({
    default: false,
    description: 'Take the story over from the editor who holds it (they can then no longer decide on it); without it, a story another editor holds is refused with REVIEW.ALREADY_CLAIMED',
  })
  @IsOptional()
  @IsBoolean()
  takeOver?: boolean;
}

/** Which submission a recall is about: the reporter's last, as their desk shows it. Both or neither. */
export class RecallRequest {
  @ApiPropertyOptional({ minimum: 1, description: 'The revision the reporter submitted last (with submittedAt)' })
  @ValidateIf((request: RecallRequest) => request.revision !== undefined || request.submittedAt !== undefined)
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was submitted (drafting\'s timeline), ISO-8601 with a zone; with revision. A queue holding another submission answers 409 REVIEW.SUBMISSION_NOT_CURRENT',
  })
  @ValidateIf((request: RecallRequest) => request.revision !== undefined || request.submittedAt !== undefined)
  @IsTimestamp()
  submittedAt?: string;
}

export class AddCommentRequest {
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, description: 'The note; the reporter sees it', example: 'Can we get a second source for the vote count?' })
  @EditorNote()
  body!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: ARTICLE_LIMITS.body.maxItems - 1, description: 'The block of the revision under review the note is about: its 0-based index in the body. Absent for the whole story' })
  @BlockAnchor()
  blockIndex?: number;
}

export class RequestChangesRequest {
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, description: 'What the reporter should change', example: 'Attribute the second quote and add a standfirst.' })
  @EditorNote()
  note!: string;
}

export class RejectRequest {
  @ApiProperty({ maxLength: NOTE_MAX_LENGTH, description: 'Why the article will not run', example: 'We covered this yesterday.' })
  @EditorNote()
  reason!: string;
}

export class ApproveRequest {
  @ApiPropertyOptional({ format: 'date-time', description: 'Publish no earlier than this instant (with a time zone)', example: '2025-11-21T18:00:00Z' })
  @IsOptional()
  @IsScheduleTime()
  publishAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Not public before this instant (with a time zone); publishing honours the later of the two' })
  @IsOptional()
  @IsScheduleTime()
  embargoUntil?: string;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal', description: 'breaking sends alerts to breaking-news subscribers' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;
}
