import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ArticleCommand, IsNotBlank, NOTE_MAX_LENGTH } from '@newsroom/contracts';
import type { Reviewer } from '../domain/review';

/**
 * The text of a note, a change request or a rejection reason: trimmed, with
 * text a reader can see (not only spaces or zero-width characters), at most NOTE_MAX_LENGTH characters (what the review events allow).
 * HTTP requests and commands validate it alike.
 */
export function EditorNote(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value), { toClassOnly: true }),
    IsString(),
    MaxLength(NOTE_MAX_LENGTH),
    IsNotBlank(),
  );
}

/** An editor acting on one article under review. */
export abstract class EditorCommand extends ArticleCommand {
  /** The acting editor's user id. */
  @IsString()
  @IsNotEmpty()
  editorId!: string;
}

/** An editor claiming or deciding, with the rights their roles give them. */
export abstract class ReviewerCommand extends EditorCommand {
  /** Admins may decide on an article another editor claimed (never on their own). */
  @IsBoolean()
  isAdmin!: boolean;
}

/** The domain's view of the acting editor. */
export function reviewerOf(command: ReviewerCommand): Reviewer {
  return { id: command.editorId, isAdmin: command.isAdmin };
}
