import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type EventOf, type NewsroomEvent } from '@newsroom/contracts';
import type { EventHandlers } from '@newsroom/messaging';
import type { DraftStatus } from '../../domain/draft-status';
import { DraftRepository } from '../../persistence/draft.repository';
import type { ActivityKind } from '../../persistence/activity.entity';

interface Progress {
  status?: DraftStatus;
  revision?: number;
  kind: ActivityKind;
  actorId?: string;
  note?: string;
  at: string;
}

/**
 * Mirrors review and publishing outcomes onto the reporter's draft: the live
 * status and every editor note, each recorded once on the draft's timeline.
 */
@Injectable()
export class TrackReviewProgressUseCase {
  constructor(private readonly drafts: DraftRepository) {}

  readonly handlers: EventHandlers = {
    [EVENT_TYPES.reviewClaimed]: (e, m) =>
      this.apply(e, m, { status: 'in_review', revision: e.data.revision, kind: 'review_claimed', actorId: e.data.editorId, at: e.data.claimedAt }),
    [EVENT_TYPES.reviewCommentAdded]: (e, m) =>
      this.apply(e, m, { kind: 'editor_note', revision: e.data.revision, actorId: e.data.editorId, note: e.data.body, at: e.data.createdAt }),
    [EVENT_TYPES.changesRequested]: (e, m) =>
      this.apply(e, m, {
        status: 'changes_requested',
        revision: e.data.revision,
        kind: 'changes_requested',
        actorId: e.data.editorId,
        note: e.data.note,
        at: e.data.requestedAt,
      }),
    [EVENT_TYPES.articleApproved]: (e, m) =>
      this.apply(e, m, { status: 'approved', revision: e.data.revision, kind: 'approved', actorId: e.data.editorId, at: e.data.approvedAt }),
    [EVENT_TYPES.articleRejected]: (e, m) =>
      this.apply(e, m, {
        status: 'rejected',
        revision: e.data.revision,
        kind: 'rejected',
        actorId: e.data.editorId,
        note: e.data.reason,
        at: e.data.rejectedAt,
      }),
    [EVENT_TYPES.publicationScheduled]: (e, m) => this.schedule(e, m),
    [EVENT_TYPES.articlePublished]: (e, m) => this.published(e, m),
    [EVENT_TYPES.articleCorrected]: (e, m) =>
      this.apply(e, m, { kind: 'corrected', revision: e.data.revision, note: e.data.correctionNote, at: e.data.correctedAt }),
    [EVENT_TYPES.articleUnpublished]: (e, m) =>
      this.apply(e, m, { status: 'withdrawn', kind: 'withdrawn', actorId: e.data.editorId, note: e.data.reason, at: e.data.unpublishedAt }),
  };

  private async schedule(event: EventOf<'news.article.scheduled.v1'>, manager: EntityManager): Promise<void> {
    await this.apply(event, manager, { status: 'scheduled', revision: event.data.revision, kind: 'scheduled', at: event.time }, (draft) => {
      draft.state.publishAt = new Date(event.data.publishAt);
    });
  }

  private async published(event: EventOf<'news.article.published.v1'>, manager: EntityManager): Promise<void> {
    // event.time is when this revision went live; data.publishedAt stays the first publication.
    await this.apply(event, manager, { status: 'published', revision: event.data.revision, kind: 'published', at: event.time }, (draft) => {
      draft.state.publicUrl = event.data.url;
    });
  }

  private async apply(
    event: NewsroomEvent,
    manager: EntityManager,
    progress: Progress,
    also?: (draft: NonNullable<Awaited<ReturnType<DraftRepository['findForUpdate']>>>) => void,
  ): Promise<void> {
    const draft = await this.drafts.findForUpdate(manager, event.subject);
    // An article this drafting database never saw (e.g. created elsewhere): nothing to mirror.
    if (!draft) return;
    const revision = progress.revision ?? draft.state.statusRevision ?? draft.state.version;
    if (progress.status) {
      const moved = draft.applyProgress(progress.status, revision);
      if (moved) also?.(draft);
      await this.drafts.update(manager, draft);
    }
    await this.drafts.addActivity(manager, draft.state.id, {
      kind: progress.kind,
      at: new Date(progress.at),
      actorId: progress.actorId ?? null,
      revision,
      note: progress.note ?? null,
      eventId: event.id,
    });
  }
}
