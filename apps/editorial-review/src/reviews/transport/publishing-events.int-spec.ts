import { randomUUID } from 'node:crypto';
import { createEvent, deadLetterTopicOf, EVENT_TYPES, SITE_SECTIONS_SUBJECT, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { article } from '../../../test/article.fixtures';
import { startEditorialReview } from '../../editorial-review.service';
import type { ReviewView } from '../use-cases/read-reviews/review.views';

jest.setTimeout(120_000);

/**
 * The SECTION_UNKNOWN check follows publishing's managed list as it arrives on the publishing
 * topic (news.site.sections-changed.v1), SITE_SECTIONS deciding only until then: the running
 * service, real PostgreSQL and broker.
 */
describe('the section check follows publishing\'s list', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let bus: TestEventBus;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({
      name: 'editorial_review_site_sections',
      schema: 'editorial_review',
      brokers: broker.brokers,
      env: { SITE_SECTIONS: 'politics,world' },
      boot: startEditorialReview,
    });
    bus = new TestEventBus(broker.brokers);
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    await broker?.stop();
  });

  async function deliver(topic: string, event: NewsroomEvent): Promise<void> {
    await bus.produce(topic, event);
    await service.handled(event.id);
  }

  /** The check codes of a story filed under `section`, submitted as drafting's outbox would publish it. */
  async function checksOf(section: string): Promise<string[]> {
    const articleId = randomUUID();
    await deliver(
      TOPICS.drafting,
      createEvent(EVENT_TYPES.articleSubmitted, { articleId, revision: 1, authorId: 'alice', submittedAt: new Date().toISOString(), article: { ...article(), section } }, { subject: articleId }),
    );
    const review = await eventually(`the review of a ${section} story`, async () => {
      const { status, body } = await service.as('editor', 'bob').get<ReviewView>(`/v1/reviews/${articleId}`);
      return status === 200 ? body : undefined;
    });
    return review.checks.map((check) => check.code);
  }

  const sectionsChanged = (version: number, slugs: string[]) =>
    createEvent(EVENT_TYPES.siteSectionsChanged, { version, sections: slugs.map((slug) => ({ slug, label: slug })), changedAt: new Date().toISOString() }, { subject: SITE_SECTIONS_SUBJECT });

  it('warns about a section until the list has it, and about a retired one from then on', async () => {
    expect(await checksOf('sport')).toContain('SECTION_UNKNOWN');
    expect(await checksOf('world')).not.toContain('SECTION_UNKNOWN');

    await deliver(TOPICS.publishing, sectionsChanged(2, ['politics', 'sport']));
    expect(await checksOf('sport')).not.toContain('SECTION_UNKNOWN');
    expect(await checksOf('world')).toContain('SECTION_UNKNOWN');

    // An older list delivered late (a replay) changes nothing.
    await deliver(TOPICS.publishing, sectionsChanged(1, ['politics', 'world']));
    expect(await checksOf('sport')).not.toContain('SECTION_UNKNOWN');
  });

  it('skips publishing\'s other article events: review has nothing to do once a story is approved', async () => {
    const articleId = randomUUID();
    const unpublished = createEvent(EVENT_TYPES.articleUnpublished, { articleId, editorId: 'eve', reason: 'Check', unpublishedAt: new Date().toISOString() }, { subject: articleId });
    await bus.produce(TOPICS.publishing, unpublished);
    const later = sectionsChanged(3, ['politics', 'sport', 'culture']);
    await deliver(TOPICS.publishing, later);
    expect(await service.sql('SELECT 1 FROM inbox WHERE event_id = $1', [unpublished.id])).toEqual([]);
  });
});

/**
 * A story publishing killed (a legal removal) closes its review, whatever stood there: the
 * running service, real PostgreSQL and broker. An editor holding a newer revision of it could
 * otherwise approve a text that can never go live, and be told it goes live now.
 */
describe('a killed story closes its review', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let bus: TestEventBus;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'editorial_review_kills', schema: 'editorial_review', brokers: broker.brokers, boot: startEditorialReview });
    bus = new TestEventBus(broker.brokers);
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    await broker?.stop();
  });

  const killedEvent = (articleId: string) => createEvent(EVENT_TYPES.articleKilled, { articleId, editorId: 'eve', killedAt: new Date().toISOString() }, { subject: articleId });

  it('refuses every action on it with REVIEW.ARTICLE_KILLED, and the queue no longer lists it', async () => {
    const articleId = randomUUID();
    const submitted = createEvent(EVENT_TYPES.articleSubmitted, { articleId, revision: 1, authorId: 'alice', submittedAt: new Date().toISOString(), article: article() }, { subject: articleId });
    await bus.produce(TOPICS.drafting, submitted);
    await service.handled(submitted.id);
    const bob = service.as('editor', 'bob');
    expect((await bob.post(`/v1/reviews/${articleId}/claim`)).status).toBe(200);

    const killed = killedEvent(articleId);
    await bus.produce(TOPICS.publishing, killed);
    await service.handled(killed.id);

    const review = await bob.get<ReviewView>(`/v1/reviews/${articleId}`);
    expect(review.body.status).toBe('killed');
    for (const [path, body] of [
      ['approve', { priority: 'normal' }],
      ['request-changes', { note: 'Tighten it.' }],
      ['reject', { reason: 'No.' }],
      ['comments', { body: 'A note.' }],
      ['claim', undefined],
    ] as const) {
      const refused = await service.as('editor', 'carol').post<{ error: { code: string } }>(`/v1/reviews/${articleId}/${path}`, body);
      expect([path, refused.status, refused.body.error.code]).toEqual([path, 409, 'REVIEW.ARTICLE_KILLED']);
    }
    const queue = await bob.get<{ items: { articleId: string }[] }>('/v1/reviews?status=in_review');
    expect(queue.body.items.map((item) => item.articleId)).not.toContain(articleId);
    expect(await service.sql('SELECT kind FROM review_decisions WHERE article_id = $1', [articleId])).toEqual([]);
  });

  it('takes a kill of a story it never reviewed, one delivered again, and a submission sent before drafting heard, without a dead letter', async () => {
    const deadLetters = await bus.collect(deadLetterTopicOf(TOPICS.publishing));
    const draftingDeadLetters = await bus.collect(deadLetterTopicOf(TOPICS.drafting));
    const unknown = killedEvent(randomUUID());
    await bus.produce(TOPICS.publishing, unknown);
    await service.handled(unknown.id);
    const again = { ...unknown, id: randomUUID() };
    await bus.produce(TOPICS.publishing, again);
    await service.handled(again.id);
    expect(await service.sql('SELECT 1 FROM review_items WHERE article_id = $1', [unknown.subject])).toEqual([]);

    // Killed in review, then revision 2 arrives: drafting sent it before it heard of the kill.
    const articleId = randomUUID();
    const submitted = (revision: number) =>
      createEvent(EVENT_TYPES.articleSubmitted, { articleId, revision, authorId: 'alice', submittedAt: new Date().toISOString(), article: article() }, { subject: articleId });
    const first = submitted(1);
    await bus.produce(TOPICS.drafting, first);
    await service.handled(first.id);
    const killed = killedEvent(articleId);
    await bus.produce(TOPICS.publishing, killed);
    await service.handled(killed.id);
    const late = submitted(2);
    await bus.produce(TOPICS.drafting, late);
    await service.handled(late.id);
    expect(await service.sql('SELECT status, current_revision FROM review_items WHERE article_id = $1', [articleId])).toEqual([{ status: 'killed', current_revision: 1 }]);
    // Anything dead-lettered would be on the topics by now: the last events were handled after them.
    expect([...deadLetters, ...draftingDeadLetters].map((letter) => letter.event?.id)).toEqual([]);
  });
});
