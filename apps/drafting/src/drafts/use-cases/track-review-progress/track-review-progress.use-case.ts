import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import type { Draft, ProgressReport } from '../../domain/draft';
import { liveTextOf } from '../../domain/draft-correction';
import type { DraftStatus } from '../../domain/draft-status';
import { DraftRepository } from '../../persistence/draft.repository';
import type { TrackReviewProgressCommand } from './track-review-progress.command';

export type TrackReviewProgressResult =
  /** An article this drafting database never saw (e.g. created elsewhere): nothing to mirror. */
  | { outcome: 'unknown_article' }
  /** The timeline already has this event's entry: nothing changes. */
  | { outcome: 'duplicate' }
  /** The timeline got its entry; `statusMoved` says whether the report also moved the status. */
  | { outcome: 'recorded'; status: DraftStatus; statusMoved: boolean };

/**
 * Mirrors review and publishing outcomes onto the reporter's draft: the live
 * status and every editor note, each recorded once on the draft's timeline; and,
 * when a revision went live with corrections carried into it, the live text
 * (Draft.takeCarriedCorrections).
 */
@Injectable()
export class TrackReviewProgressUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  @Transactional()
  async execute(command: TrackReviewProgressCommand): Promise<TrackReviewProgressResult> {
    const draft = await this.drafts.findForUpdate(command.articleId);
    if (!draft) return { outcome: 'unknown_article' };
    // Checked under the draft's row lock, so a report delivered twice at once is still recorded once.
    if (await this.drafts.hasEntryFromEvent(command.eventId)) return { outcome: 'duplicate' };
    const statusMoved = record(draft, command);
    const { liveText, revision } = command;
    if (liveText && revision !== undefined && (command.milestone === 'published' || command.milestone === 'updated')) {
      // After the publication is recorded: the working copy takes the live text only once
      // the story reads as that revision published.
      const saved = (await this.drafts.revision(command.articleId, revision))?.content ?? null;
      draft.takeCarriedCorrections(revision, liveTextOf(liveText), saved, new Date(command.at));
    }
    await this.drafts.save(draft);
    return { outcome: 'recorded', status: draft.status, statusMoved };
  }
}

/** Hands the report to the draft's method for it; returns whether the status moved. */
function record(draft: Draft, command: TrackReviewProgressCommand): boolean {
  const report: ProgressReport = {
    eventId: command.eventId,
    revision: command.revision,
    actorId: command.actorId,
    note: command.note,
    blockIndex: command.blockIndex,
    at: new Date(command.at),
  };
  // The command's validation makes publishAt and publicUrl present for the milestones that need them.
  switch (command.milestone) {
    case 'review_claimed':
    case 'changes_requested':
    case 'recalled':
    case 'approved':
    case 'rejected':
      return draft.recordReviewStatus(command.milestone, report);
    case 'editor_note':
      draft.recordEditorNote(report);
      return false;
    case 'scheduled':
      return draft.recordSchedule(new Date(command.publishAt as string), report);
    case 'published':
      return draft.recordPublication(command.publicUrl as string, report);
    case 'updated':
      return draft.recordUpdate(command.publicUrl as string, report);
    case 'schedule_cancelled':
      return draft.recordScheduleCancellation(report);
    case 'killed':
      return draft.recordKill(report);
    case 'withdrawn':
      return draft.recordWithdrawal(report);
  }
}
