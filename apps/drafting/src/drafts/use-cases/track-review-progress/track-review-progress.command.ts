import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ArticleCommand, ArticleContent, NOTE_MAX_LENGTH } from '@newsroom/contracts';
import { REVIEW_MILESTONES, type ReviewMilestone } from '../../domain/draft-timeline';

/** What this command reports: every milestone but a correction, which changes the text too (ApplyCorrectionCommand). */
export type ProgressMilestone = Exclude<ReviewMilestone, 'corrected'>;
const PROGRESS_MILESTONES = REVIEW_MILESTONES.filter((milestone): milestone is ProgressMilestone => milestone !== 'corrected');

/** Milestones that put a revision live, so they say where. */
const LIVE_MILESTONES: readonly ProgressMilestone[] = ['published', 'updated'];

/**
 * One status or note that editorial review or publishing reported about an
 * article (one event), to show its reporter on the draft. The article's id is
 * the draft's id.
 */
export class TrackReviewProgressCommand extends ArticleCommand {
  /** The reporting event; the timeline keeps at most one entry per event. */
  @IsUUID()
  eventId!: string;

  @IsIn(PROGRESS_MILESTONES)
  milestone!: ProgressMilestone;

  /** The revision the report is about; absent when it concerns the article as a whole (a withdrawal, a kill). */
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  /** The editor who acted, when one did. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  actorId?: string;

  /** Editor note, change request, rejection reason or withdrawal note. */
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX_LENGTH)
  note?: string;

  /** For an editor's note on one block of the revision's body: that block, 0-based. */
  @IsOptional()
  @IsInt()
  @Min(0)
  blockIndex?: number;

  /** When it happened (ISO 8601). */
  @IsISO8601({ strict: true })
  at!: string;

  /** For `scheduled`: when the article is to go live (ISO 8601). */
  @ValidateIf((command: TrackReviewProgressCommand) => command.milestone === 'scheduled' || command.publishAt !== undefined)
  @IsISO8601({ strict: true })
  publishAt?: string;

  /** For `published` and `updated`: the article's public URL. */
  @ValidateIf((command: TrackReviewProgressCommand) => LIVE_MILESTONES.includes(command.milestone) || command.publicUrl !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  publicUrl?: string;

  /**
   * For `published` and `updated` whose event carries the live text whole (`article`, bylines
   * by name): publishing carried corrections of the text the revision replaced into it, so the
   * live text is not the revision as saved. Ignored for other milestones.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ArticleContent)
  liveText?: ArticleContent;
}
