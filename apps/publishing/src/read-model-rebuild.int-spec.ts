/**
 * Rebuilding publishing's read model by replaying the log (docs/runbooks/rebuild-read-model.md):
 * a second instance with a fresh consumer group reads the review topic from its earliest
 * offset into a new schema, with its relay off, and ends up with the same articles as the
 * live one — without publishing a single event again.
 */
import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { approvalFields, AUTHOR, PUBLIC_BASE_URL, type ApprovalFields } from '../test/publishing.fixtures';
import { testContent } from '../test/test-articles';
import { startPublishing } from './service';

jest.setTimeout(120_000);

const REBUILD_SCHEMA = 'publishing_rebuild';

function approved(fields: Partial<ApprovalFields>): NewsroomEvent {
  const data = approvalFields(fields);
  return createEvent(EVENT_TYPES.articleApproved, data, { subject: data.articleId });
}

describe('rebuilding publishing’s read model from the log', () => {
  let broker: LocalBroker;
  let live: ServiceUnderTest;
  let rebuild: ServiceUnderTest | undefined;
  let bus: TestEventBus;
  let publishingTopic: ReceivedMessage[];

  beforeAll(async () => {
    broker = await startLocalBroker();
    live = await ServiceUnderTest.start({ name: 'publishing_live', schema: 'publishing', brokers: broker.brokers, env: { PUBLIC_BASE_URL }, boot: startPublishing });
    bus = new TestEventBus(broker.brokers);
    publishingTopic = await bus.collect(TOPICS.publishing);
  });

  afterAll(async () => {
    await rebuild?.close();
    await bus?.close();
    await live?.close();
    await broker?.stop();
  });

  /** Every column but the clock times (published_at, updated_at…: the replay happens later), by article. */
  async function articlesIn(schema: string): Promise<Record<string, unknown>[]> {
    const columns = await live.sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'articles' AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position`,
      [schema],
    );
    const list = columns.map((c) => `"${c.column_name}"`).join(', ');
    return live.sql(`SELECT ${list} FROM "${schema}".articles ORDER BY id`);
  }

  it('gives a fresh consumer group from the earliest offset the same articles in a new schema, and sends nothing', async () => {
    const first = randomUUID();
    const applied = [
      approved({ articleId: first, article: testContent({ headline: 'Harbour ferry returns' }) }),
      approved({ articleId: first, revision: 2, article: testContent({ headline: 'Harbour ferry returns on Monday' }) }),
      approved({ priority: 'breaking', article: testContent({ headline: 'Bridge closed after storm' }) }),
      // Scheduled a day ahead: waits in both.
      approved({ publishAt: new Date(Date.now() + 86_400_000).toISOString(), article: testContent({ headline: 'Budget vote tomorrow' }) }),
    ];
    // Forged (the author approves): dead-lettered by both, leaves no article and no inbox row.
    const forged = approved({ editorId: AUTHOR, article: testContent({ headline: 'Forged approval' }) });
    for (const event of [...applied, forged]) await bus.produce(TOPICS.review, event);
    for (const event of applied) await live.handled(event.id);
    const liveArticles = await articlesIn('publishing');
    expect(liveArticles).toHaveLength(3);
    expect(liveArticles.map((article) => article.status).sort()).toEqual(['published', 'published', 'scheduled']);
    // Wait for all of the live service's events, not just the first few: its relay may still be
    // sending when the rebuild starts, and a late one would be counted against the rebuild.
    const sentByLive = await eventually('every event the live service recorded on the publishing topic', async () => {
      const [row] = await live.sql<{ recorded: number; unsent: number }>(
        `SELECT count(*)::int AS recorded, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM publishing.outbox`,
      );
      return row.recorded >= 3 && row.unsent === 0 && publishingTopic.length === row.recorded ? row.recorded : undefined;
    });

    rebuild = await ServiceUnderTest.start({
      name: 'publishing_rebuild',
      schema: REBUILD_SCHEMA,
      brokers: broker.brokers,
      boot: startPublishing,
      env: {
        PUBLIC_BASE_URL,
        // The live database, a new schema: the runbook's set-up.
        DATABASE_URL: live.db.url,
        DATABASE_SCHEMA: REBUILD_SCHEMA,
        KAFKA_CONSUMER_GROUP: `publishing-rebuild-${randomUUID()}`,
        OUTBOX_RELAY: 'off',
      },
    });
    await eventually('the rebuild to catch up', async () => {
      const [row] = await live.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${REBUILD_SCHEMA}".inbox`);
      return row.n === applied.length || undefined;
    });

    expect(await articlesIn(REBUILD_SCHEMA)).toEqual(liveArticles);
    // Its use cases recorded events, as the live ones did; the relay being off, none went out.
    const [outbox] = await live.sql<{ unsent: number }>(`SELECT count(*)::int AS unsent FROM "${REBUILD_SCHEMA}".outbox WHERE sent_at IS NULL`);
    expect(outbox.unsent).toBeGreaterThanOrEqual(3);
    expect(publishingTopic).toHaveLength(sentByLive);
  });
});
