import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, type EventOf, type NewsroomEvent } from '@newsroom/contracts';
import type { EventHandlers } from '@newsroom/messaging';
import type { SiteSectionFollower } from '@newsroom/site-sections';
import type { TagNameRepository } from '../../subscriptions/persistence/tag-name.repository';
import { capturedHandlers, dispatch } from '@newsroom/test-harness';
import { CorrectAlertTextCommand } from '../use-cases/correct-alert-text/correct-alert-text.command';
import type { CorrectAlertTextUseCase } from '../use-cases/correct-alert-text/correct-alert-text.use-case';
import { FanOutAlertsCommand } from '../use-cases/fan-out-alerts/fan-out-alerts.command';
import type { FanOutAlertsUseCase } from '../use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { WithdrawAlertsCommand } from '../use-cases/withdraw-alerts/withdraw-alerts.command';
import type { WithdrawAlertsUseCase } from '../use-cases/withdraw-alerts/withdraw-alerts.use-case';
import { PublishingEventsConsumer } from './publishing-events.consumer';

const SITE = 'https://news.example.test';

/** The fields every published/corrected/updated event carries about the live article. */
function liveArticle(articleId: string, revision: number) {
  return {
    articleId, revision, slug: 'crane-ban', url: `${SITE}/articles/crane-ban`, headline: 'Harbour council approves night-time crane ban',
    standfirst: 'Cranes must stop at 11pm from January.', section: 'politics', tags: ['harbour'], language: 'en',
    bylines: [{ name: 'Olena Kravets' }], priority: 'breaking' as const, publishedAt: '2026-11-21T08:00:00.000Z',
  };
}

const events = {
  published: (id: string): EventOf<'news.article.published.v1'> => createEvent(EVENT_TYPES.articlePublished, liveArticle(id, 1), { subject: id }),
  corrected: (id: string): EventOf<'news.article.corrected.v1'> =>
    createEvent(EVENT_TYPES.articleCorrected, { ...liveArticle(id, 1), correctionNote: 'Fixed the date', correctedAt: '2026-11-21T09:00:00.000Z' }, { subject: id }),
  updated: (id: string): EventOf<'news.article.updated.v1'> =>
    createEvent(EVENT_TYPES.articleUpdated, { ...liveArticle(id, 3), headline: 'Council bans night-time cranes', updatedAt: '2026-11-21T10:00:00.000Z' }, { subject: id }),
  unpublished: (id: string): EventOf<'news.article.unpublished.v1'> =>
    createEvent(EVENT_TYPES.articleUnpublished, { articleId: id, editorId: 'eve', reason: 'Legal hold', unpublishedAt: '2026-11-21T11:00:00.000Z' }, { subject: id }),
  killed: (id: string): EventOf<'news.article.killed.v1'> =>
    createEvent(EVENT_TYPES.articleKilled, { articleId: id, editorId: 'eve', killedAt: '2026-11-21T12:00:00.000Z' }, { subject: id }),
  scheduled: (id: string): EventOf<'news.article.scheduled.v1'> =>
    createEvent(EVENT_TYPES.publicationScheduled, { articleId: id, revision: 2, publishAt: '2026-11-22T06:00:00.000Z' }, { subject: id }),
  scheduleCancelled: (id: string): EventOf<'news.article.schedule-cancelled.v1'> =>
    createEvent(EVENT_TYPES.scheduleCancelled, { articleId: id, revision: 2, editorId: 'eve', cancelledAt: '2026-11-21T13:00:00.000Z' }, { subject: id }),
  sectionsChanged: (): EventOf<'news.site.sections-changed.v1'> =>
    createEvent(EVENT_TYPES.siteSectionsChanged, { version: 4, sections: [{ slug: 'sport', label: 'Sport' }], changedAt: '2026-11-21T14:00:00.000Z' }, { subject: 'site:sections' }),
};

/**
 * The consumer's one job is mapping each event to a command for the use case
 * that handles it; validation, the inbox and dead letters are
 * InboundEventProcessor's (tested in libs/messaging), the effects each use case's.
 */
describe(PublishingEventsConsumer.name, () => {
  const id = randomUUID();
  let handlers: EventHandlers;
  const executed: { useCase: string; command: unknown }[] = [];
  const named: { labels: unknown; at: string }[] = [];
  const recording = (useCase: string) => ({ execute: async (command: unknown) => void executed.push({ useCase, command }) });

  beforeAll(async () => {
    handlers = await capturedHandlers((inbound) =>
      new PublishingEventsConsumer(
        inbound,
        recording('fan-out') as unknown as FanOutAlertsUseCase,
        recording('correct') as unknown as CorrectAlertTextUseCase,
        recording('withdraw') as unknown as WithdrawAlertsUseCase,
        { apply: async (data: unknown) => void executed.push({ useCase: 'sections', command: data }) } as unknown as SiteSectionFollower,
        { remember: async (labels: unknown, at: Date) => void named.push({ labels, at: at.toISOString() }) } as unknown as TagNameRepository,
      ).onPublishingEvent({} as never),
    );
  });

  async function handled(event: NewsroomEvent): Promise<{ useCase: string; command: unknown }> {
    executed.length = 0;
    await dispatch(handlers, event);
    expect(executed).toHaveLength(1);
    return executed[0];
  }

  const content = (revision: number, headline: string) => ({
    articleId: id, revision, headline, standfirst: 'Cranes must stop at 11pm from January.', url: `${SITE}/articles/crane-ban`,
    section: 'politics', tags: ['harbour'], priority: 'breaking', language: 'en',
  });

  it('fans a publication out, dated by its first publication', async () => {
    const { useCase, command } = await handled(events.published(id));
    expect(useCase).toBe('fan-out');
    expect(command).toBeInstanceOf(FanOutAlertsCommand);
    expect(command).toEqual({ ...content(1, 'Harbour council approves night-time crane ban'), publishedAt: new Date('2026-11-21T08:00:00.000Z') });
  });

  it('gives a correction’s text to the alerts not sent yet, and its note and time to follow the ones sent', async () => {
    const { useCase, command } = await handled(events.corrected(id));
    expect(useCase).toBe('correct');
    expect(command).toBeInstanceOf(CorrectAlertTextCommand);
    expect(command).toEqual({ ...content(1, 'Harbour council approves night-time crane ban'), correction: { note: 'Fixed the date', correctedAt: new Date('2026-11-21T09:00:00.000Z') } });
  });

  it('gives an update’s newer text to the alerts not sent yet, through the same use case: nobody new is alerted', async () => {
    const { useCase, command } = await handled(events.updated(id));
    expect(useCase).toBe('correct');
    expect(command).toBeInstanceOf(CorrectAlertTextCommand);
    expect(command).toEqual(content(3, 'Council bans night-time cranes'));
  });

  it('keeps the words the tags of a published, corrected or updated story were typed as, dated by the event', async () => {
    named.length = 0;
    const labelled = createEvent(EVENT_TYPES.articlePublished, { ...liveArticle(id, 1), tags: ['kiyiv'], tagLabels: { kiyiv: 'Київ' } }, { subject: id });
    await handled(labelled);
    await handled(events.corrected(id));
    await handled(events.updated(id));
    expect(named).toEqual([
      { labels: { kiyiv: 'Київ' }, at: labelled.time },
      { labels: undefined, at: expect.any(String) },
      { labels: undefined, at: expect.any(String) },
    ]);
  });

  it('withdraws the alerts of an unpublished story and of a killed one, saying which', async () => {
    const unpublished = await handled(events.unpublished(id));
    expect(unpublished.useCase).toBe('withdraw');
    expect(unpublished.command).toBeInstanceOf(WithdrawAlertsCommand);
    expect(unpublished.command).toEqual({ articleId: id, withdrawnAt: new Date('2026-11-21T11:00:00.000Z'), removal: 'unpublished' });

    const killed = await handled(events.killed(id));
    expect(killed.useCase).toBe('withdraw');
    expect(killed.command).toEqual({ articleId: id, withdrawnAt: new Date('2026-11-21T12:00:00.000Z'), removal: 'killed' });
  });

  it('hands the site\'s new section list to the follower that keeps the newest version', async () => {
    const { useCase, command } = await handled(events.sectionsChanged());
    expect(useCase).toBe('sections');
    expect(command).toEqual({ version: 4, sections: [{ slug: 'sport', label: 'Sport' }], changedAt: '2026-11-21T14:00:00.000Z' });
  });

  it('skips a schedule and a cancelled schedule: nothing is alerted before a story goes live', () => {
    expect(handlers[events.scheduled(id).type]).toBeUndefined();
    expect(handlers[events.scheduleCancelled(id).type]).toBeUndefined();
  });

  it('refuses an updated event whose URL is not a URL before any use case runs: COMMAND.INVALID', async () => {
    const updated = events.updated(id);
    const broken = { ...updated, data: { ...updated.data, url: 'javascript:alert(1)' } } as NewsroomEvent;
    executed.length = 0;
    const handle = handlers[broken.type] as (e: NewsroomEvent) => Promise<void>;
    await expect(async () => handle(broken)).rejects.toMatchObject({ code: 'COMMAND.INVALID' });
    expect(executed).toHaveLength(0);
  });
});
