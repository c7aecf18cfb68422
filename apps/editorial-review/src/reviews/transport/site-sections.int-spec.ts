import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, SITE_SECTIONS_SUBJECT, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
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

  it('skips publishing\'s article events: review has nothing to do with them', async () => {
    const articleId = randomUUID();
    const killed = createEvent(EVENT_TYPES.articleKilled, { articleId, editorId: 'eve', killedAt: new Date().toISOString() }, { subject: articleId });
    await bus.produce(TOPICS.publishing, killed);
    const later = sectionsChanged(3, ['politics', 'sport', 'culture']);
    await deliver(TOPICS.publishing, later);
    expect(await service.sql('SELECT 1 FROM inbox WHERE event_id = $1', [killed.id])).toEqual([]);
  });
});
