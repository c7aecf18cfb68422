import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_CATALOG, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import type { EventHandlers } from '@newsroom/messaging';
import type { SiteSectionFollower } from '@newsroom/site-sections';
import { capturedHandlers, dispatch } from '@newsroom/test-harness';
import { publishingEvents, reviewEvents } from '../../../test/review-events.fixtures';
import { ApplyCorrectionCommand } from '../use-cases/apply-correction/apply-correction.command';
import type { ApplyCorrectionUseCase } from '../use-cases/apply-correction/apply-correction.use-case';
import { TrackReviewProgressCommand } from '../use-cases/track-review-progress/track-review-progress.command';
import type { TrackReviewProgressUseCase } from '../use-cases/track-review-progress/track-review-progress.use-case';
import { ReviewProgressConsumer } from './review-progress.consumer';

/**
 * The consumer's one job is mapping each event to a command; validation, the
 * inbox and dead letters are InboundEventProcessor's (tested in libs/messaging)
 * and the effect is the use case's (its own spec).
 */
describe(ReviewProgressConsumer.name, () => {
  const id = randomUUID();
  let handlers: EventHandlers;
  const commands: TrackReviewProgressCommand[] = [];
  const corrections: ApplyCorrectionCommand[] = [];
  const sectionLists: unknown[] = [];

  beforeAll(async () => {
    const useCase = { execute: async (command: TrackReviewProgressCommand) => void commands.push(command) } as unknown as TrackReviewProgressUseCase;
    const correct = { execute: async (command: ApplyCorrectionCommand) => void corrections.push(command) } as unknown as ApplyCorrectionUseCase;
    const follower = { apply: async (data: unknown) => void sectionLists.push(data) } as unknown as SiteSectionFollower;
    handlers = await capturedHandlers((inbound) => new ReviewProgressConsumer(inbound, useCase, correct, follower).onReviewEvent({} as never));
  });

  async function commandFor(event: NewsroomEvent): Promise<TrackReviewProgressCommand> {
    commands.length = 0;
    await dispatch(handlers, event);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(TrackReviewProgressCommand);
    return commands[0];
  }

  it('maps each review event to its milestone, with the editor, revision, note and time', async () => {
    const claimed = reviewEvents.claimed(id, 2);
    expect(await commandFor(claimed)).toEqual({ articleId: id, eventId: claimed.id, milestone: 'review_claimed', revision: 2, actorId: 'eve', at: claimed.data.claimedAt });
    const comment = reviewEvents.commentAdded(id, 'Check the figures');
    expect(await commandFor(comment)).toMatchObject({ milestone: 'editor_note', note: 'Check the figures', at: comment.data.createdAt, actorId: 'eve' });
    const changes = reviewEvents.changesRequested(id, 'Name the source');
    expect(await commandFor(changes)).toMatchObject({ milestone: 'changes_requested', note: 'Name the source', at: changes.data.requestedAt });
    const approved = reviewEvents.approved(id);
    expect(await commandFor(approved)).toMatchObject({ milestone: 'approved', revision: 1, actorId: 'eve', at: approved.data.approvedAt });
    const rejected = reviewEvents.rejected(id, 'Not news');
    expect(await commandFor(rejected)).toMatchObject({ milestone: 'rejected', note: 'Not news', at: rejected.data.rejectedAt });
  });

  it('maps each publishing event to its milestone, dating a publication by the event (when this revision went live)', async () => {
    const scheduled = publishingEvents.scheduled(id, '2025-11-22T06:00:00.000Z');
    expect(await commandFor(scheduled)).toMatchObject({ milestone: 'scheduled', publishAt: '2025-11-22T06:00:00.000Z', at: scheduled.time });
    const published = publishingEvents.published(id, 'https://news.example.org/a', 3);
    expect(await commandFor(published)).toEqual({ articleId: id, eventId: published.id, milestone: 'published', revision: 3, publicUrl: 'https://news.example.org/a', at: published.time });
    const unpublished = publishingEvents.unpublished(id, 'Legal hold');
    const withdrawn = await commandFor(unpublished);
    expect(withdrawn).toMatchObject({ milestone: 'withdrawn', actorId: 'eve', note: 'Legal hold', at: unpublished.data.unpublishedAt });
    expect(withdrawn.revision).toBeUndefined();
  });

  it('maps a correction to the corrected live fields, with its note and time, and tracks no milestone for it', async () => {
    commands.length = 0;
    const corrected = publishingEvents.corrected(id, 'The mayor is named Smyth, not Smith.', 2, { headline: 'Mayor Smyth resigns', bylines: [{ name: 'Daniel Achebe' }, { name: 'Olena Kravets' }] });
    await dispatch(handlers, corrected);
    expect(commands).toHaveLength(0);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toBeInstanceOf(ApplyCorrectionCommand);
    expect(corrections[0]).toEqual({ articleId: id, eventId: corrected.id, correction: corrected.data });
    expect(corrections[0].correction).toMatchObject({ revision: 2, correctionNote: 'The mayor is named Smyth, not Smith.', headline: 'Mayor Smyth resigns', bylines: [{ name: 'Daniel Achebe' }, { name: 'Olena Kravets' }] });
  });

  it('maps an update to the newer revision live at its URL, dated when it went live', async () => {
    const updated = publishingEvents.updated(id, 'https://news.example.org/articles/four-day-week', 2);
    expect(await commandFor(updated)).toEqual({
      articleId: id, eventId: updated.id, milestone: 'updated', revision: 2, publicUrl: 'https://news.example.org/articles/four-day-week', at: updated.data.updatedAt,
    });
  });

  it('maps a cancelled schedule to its revision and the editor who cancelled it', async () => {
    const cancelled = publishingEvents.scheduleCancelled(id, 3);
    expect(await commandFor(cancelled)).toEqual({ articleId: id, eventId: cancelled.id, milestone: 'schedule_cancelled', revision: 3, actorId: 'eve', at: cancelled.data.cancelledAt });
  });

  it('maps a kill to the article as a whole, with who killed it and when but no reason', async () => {
    const killed = publishingEvents.killed(id);
    const command = await commandFor(killed);
    expect(command).toEqual({ articleId: id, eventId: killed.id, milestone: 'killed', actorId: 'eve', at: killed.data.killedAt });
    expect(command.revision).toBeUndefined();
    expect(command.note).toBeUndefined();
  });

  it('handles every event publishing emits about an article, and leaves the site-wide cache purges alone', () => {
    for (const type of Object.keys(EVENT_CATALOG) as (keyof typeof EVENT_CATALOG)[]) {
      if (EVENT_CATALOG[type].topic === TOPICS.publishing && type.startsWith('news.article.')) expect([type, typeof handlers[type]]).toEqual([type, 'function']);
    }
    expect(handlers[EVENT_TYPES.sitePurged]).toBeUndefined();
  });

  it('keeps the site\'s section list for the draft checks, and tracks no milestone for it', async () => {
    commands.length = 0;
    const changed = createEvent(EVENT_TYPES.siteSectionsChanged, { version: 2, sections: [{ slug: 'sport', label: 'Sport' }], changedAt: '2026-11-21T14:00:00.000Z' }, { subject: 'site:sections' });
    await dispatch(handlers, changed);
    expect(sectionLists).toEqual([changed.data]);
    expect(commands).toHaveLength(0);
  });

  it('ignores drafting’s own events', () => {
    expect(handlers['news.article.submitted.v1']).toBeUndefined();
  });
});
