import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS, type ArticleCorrectedData, type ArticlePublishedData, type CommandInput, type NewsroomEvent } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage } from '@newsroom/messaging';
import { SiteSectionFollower } from '@newsroom/site-sections';
import { ApplyCorrectionCommand } from '../use-cases/apply-correction/apply-correction.command';
import { ApplyCorrectionUseCase } from '../use-cases/apply-correction/apply-correction.use-case';
import { TrackReviewProgressCommand } from '../use-cases/track-review-progress/track-review-progress.command';
import { TrackReviewProgressUseCase } from '../use-cases/track-review-progress/track-review-progress.use-case';

/** What an event reports, in the command's terms; the article and event ids come from the envelope. */
type Report = Omit<CommandInput<TrackReviewProgressCommand>, 'articleId' | 'eventId'>;

/**
 * Review and publishing outcomes, mirrored onto the reporter's drafts. Each
 * event becomes one TrackReviewProgressCommand, but a correction, which changes the
 * text too, an ApplyCorrectionCommand; InboundEventProcessor does the
 * validation, inbox, retries and dead letters around it. The site's section list
 * (for the draft checks) arrives on the publishing topic too and is kept by
 * SiteSectionFollower: one consumer per topic, since both would share one inbox.
 */
@Controller()
export class ReviewProgressConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly progress: TrackReviewProgressUseCase,
    private readonly corrections: ApplyCorrectionUseCase,
    private readonly sections: SiteSectionFollower,
  ) {}

  private readonly handlers: EventHandlers = {
    [EVENT_TYPES.reviewClaimed]: (e) => this.track(e, { milestone: 'review_claimed', revision: e.data.revision, actorId: e.data.editorId, at: e.data.claimedAt }),
    [EVENT_TYPES.reviewCommentAdded]: (e) => this.track(e, { milestone: 'editor_note', revision: e.data.revision, actorId: e.data.editorId, note: e.data.body, blockIndex: e.data.blockIndex, at: e.data.createdAt }),
    [EVENT_TYPES.changesRequested]: (e) => this.track(e, { milestone: 'changes_requested', revision: e.data.revision, actorId: e.data.editorId, note: e.data.note, at: e.data.requestedAt }),
    [EVENT_TYPES.articleApproved]: (e) => this.track(e, { milestone: 'approved', revision: e.data.revision, actorId: e.data.editorId, at: e.data.approvedAt }),
    [EVENT_TYPES.submissionRecalled]: (e) => this.track(e, { milestone: 'recalled', revision: e.data.revision, actorId: e.data.authorId, at: e.data.recalledAt }),
    [EVENT_TYPES.articleRejected]: (e) => this.track(e, { milestone: 'rejected', revision: e.data.revision, actorId: e.data.editorId, note: e.data.reason, at: e.data.rejectedAt }),
    [EVENT_TYPES.publicationScheduled]: (e) => this.track(e, { milestone: 'scheduled', revision: e.data.revision, publishAt: e.data.publishAt, at: e.time }),
    // event.time is when this revision went live; data.publishedAt stays the first publication.
    [EVENT_TYPES.articlePublished]: (e) => this.track(e, { milestone: 'published', revision: e.data.revision, publicUrl: e.data.url, at: e.time, ...carried(e.data) }),
    [EVENT_TYPES.articleCorrected]: (e) => this.correct(e, e.data),
    [EVENT_TYPES.articleUnpublished]: (e) =>
      this.track(e, { milestone: 'withdrawn', revision: e.data.revision, actorId: e.data.editorId, note: e.data.reason, at: e.data.unpublishedAt }),
    [EVENT_TYPES.articleUpdated]: (e) => this.track(e, { milestone: 'updated', revision: e.data.revision, publicUrl: e.data.url, at: e.data.updatedAt, ...carried(e.data) }),
    [EVENT_TYPES.scheduleCancelled]: (e) => this.track(e, { milestone: 'schedule_cancelled', revision: e.data.revision, actorId: e.data.editorId, at: e.data.cancelledAt }),
    // A kill is about the article as a whole; its reason stays with publishing.
    [EVENT_TYPES.articleKilled]: (e) => this.track(e, { milestone: 'killed', actorId: e.data.editorId, at: e.data.killedAt }),
    [EVENT_TYPES.siteSectionsChanged]: (e) => this.sections.apply(e.data),
  };

  @ConsumeTopic(TOPICS.review)
  async onReviewEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }

  private async track(event: NewsroomEvent, report: Report): Promise<void> {
    await this.progress.execute(TrackReviewProgressCommand.create({ articleId: event.subject, eventId: event.id, ...report }));
  }

  /** The corrected event carries the live values of the fields a correction may change, whole. */
  private async correct(event: NewsroomEvent, data: ArticleCorrectedData): Promise<void> {
    await this.corrections.execute(ApplyCorrectionCommand.create({ articleId: event.subject, eventId: event.id, correction: data }));
  }
}

/**
 * A revision that went live with corrections of the text it replaced carried into it: its
 * event carries the live text whole, which the draft takes in. The timeline says so, and names
 * what a correction had fixed that the revision rewrote itself, for the reporter and editors
 * to read again.
 */
function carried(data: ArticlePublishedData): Pick<Report, 'liveText' | 'note'> {
  const notes: string[] = [];
  if (data.article) notes.push('Corrections made to the text it replaced were carried into this revision.');
  if (data.correctionsNotCarried?.length) {
    notes.push(`A correction of the ${fieldList(data.correctionsNotCarried)} was not carried in, since this revision rewrote it: read it again.`);
  }
  return { ...(data.article ? { liveText: data.article } : {}), ...(notes.length > 0 ? { note: notes.join(' ') } : {}) };
}

/** "headline", "headline and body", "headline, standfirst and body". */
function fieldList(fields: readonly string[]): string {
  return fields.length <= 1 ? fields.join('') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}
