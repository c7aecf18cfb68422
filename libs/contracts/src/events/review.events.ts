import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import type { AbstractClass } from '../article-refs';
import { ArticleContent, IsArticleContent } from '../article';
import { ArticleRevisionRef } from './article-revision';
import { PRIORITIES, type Priority } from './event-types';

/** Every review event is about one drafting revision, decided or handled by one editor. */
abstract class ReviewEventBase extends ArticleRevisionRef {
  @IsString()
  @IsNotEmpty()
  editorId!: string;
}

export const NOTE_MAX_LENGTH = 5000;

/**
 * The reporter took the article back from the queue before an editor claimed it: it is theirs
 * to edit again, and back in the queue when they submit it. Review decides it (the queue's state
 * is review's), so it is announced on the review topic like the editors' actions.
 */
export class SubmissionRecalledData extends ArticleRevisionRef {
  /** The reporter who recalled it: the article's author. */
  @IsString()
  @IsNotEmpty()
  authorId!: string;

  @IsISO8601({ strict: true })
  recalledAt!: string;
}

/** An editor took the article off the queue to review it. */
export class ReviewClaimedData extends ReviewEventBase {
  @IsISO8601({ strict: true })
  claimedAt!: string;
}

/** An editor left a note on the article; the reporter sees every note. */
export class ReviewCommentAddedData extends ReviewEventBase {
  @IsUUID()
  commentId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_MAX_LENGTH)
  body!: string;

  /** The block of the revision's body the note is about (0-based index); absent for the whole story. */
  @IsOptional()
  @IsInt()
  @Min(0)
  blockIndex?: number;

  @IsISO8601({ strict: true })
  createdAt!: string;
}

/** The article goes back to its reporter with a note saying what to change. */
export class ChangesRequestedData extends ReviewEventBase {
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_MAX_LENGTH)
  note!: string;

  @IsISO8601({ strict: true })
  requestedAt!: string;
}

export class ArticleRejectedData extends ReviewEventBase {
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_MAX_LENGTH)
  reason!: string;

  @IsISO8601({ strict: true })
  rejectedAt!: string;
}

/**
 * What an approval says besides who approved it: the author, when, the
 * publishing terms (ISO 8601 instants) and the approved text. The approved
 * event's data is built on it, and so can a command that publishes an approval,
 * without its use case taking the event type.
 */
export function withApproval<TBase extends AbstractClass>(Base: TBase) {
  abstract class Approval extends Base {
    @IsString()
    @IsNotEmpty()
    authorId!: string;

    @IsISO8601({ strict: true })
    approvedAt!: string;

    /** Publish no earlier than this instant (a schedule). */
    @IsOptional()
    @IsISO8601({ strict: true })
    publishAt?: string;

    /** Must not be public before this instant (an embargo); publishing honours the later of the two. */
    @IsOptional()
    @IsISO8601({ strict: true })
    embargoUntil?: string;

    @IsIn(PRIORITIES)
    priority!: Priority;

    @IsArticleContent()
    article!: ArticleContent;
  }
  return Approval;
}

/**
 * The approved revision, complete: publishing publishes exactly this content,
 * never a later edit made in drafting.
 */
export class ArticleApprovedData extends withApproval(ReviewEventBase) {}
