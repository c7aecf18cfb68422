import { applyDecorators } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ARTICLE_LIMITS } from '@newsroom/contracts';
import { EditorCommand, EditorNote } from '../editor.command';

/**
 * The block a note is about: its 0-based index in the body of the revision under review, an
 * integer below the body's most blocks (ARTICLE_LIMITS.body.maxItems). Absent: the whole story.
 * HTTP requests and commands validate it alike; the use case checks it against the revision.
 */
export function BlockAnchor(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsInt(), Min(0), Max(ARTICLE_LIMITS.body.maxItems - 1));
}

/** Any editor leaves a note on an article under review. */
export class CommentOnReviewCommand extends EditorCommand {
  /** The note; the reporter and the other editors see it. */
  @EditorNote()
  body!: string;

  /** The block the note is about (0-based index in the revision's body); absent for the whole story. */
  @BlockAnchor()
  blockIndex?: number;
}
