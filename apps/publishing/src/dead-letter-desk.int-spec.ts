/**
 * The dead-letter desk over HTTP (libs/observability), on publishing and a real broker:
 * editors list and inspect what publishing dead-lettered, replay one or all, and every
 * replay leaves an audit row; anyone else is refused.
 */
import { createEvent, deadLetterTopicOf, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { approvalFields, AUTHOR, EDITOR, PUBLIC_BASE_URL } from '../test/publishing.fixtures';
import { testContent } from '../test/test-articles';
import { startPublishing } from './service';

jest.setTimeout(120_000);

interface Letter {
  id: string;
  partition: number;
  offset: string;
  sourceTopic: string;
  error: string;
  eventId: string | null;
  subject: string | null;
  replays: { at: string; actor: string }[];
}

describe('dead-letter desk', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest;
  let bus: TestEventBus;
  let deadLetters: ReceivedMessage[];

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({ name: 'publishing_dlq_desk', schema: 'publishing', brokers: broker.brokers, env: { PUBLIC_BASE_URL }, boot: startPublishing });
    bus = new TestEventBus(broker.brokers);
    deadLetters = await bus.collect(deadLetterTopicOf(TOPICS.review));
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    await broker?.stop();
  });

  it('lists, inspects and replays dead letters for editors, with an audit entry per replay', async () => {
    // The author approving their own story: publishing dead-letters it (ARTICLE.SELF_APPROVAL).
    const data = approvalFields({ editorId: AUTHOR, article: testContent({ headline: 'Self-approved story' }) });
    const forged: NewsroomEvent = createEvent(EVENT_TYPES.articleApproved, data, { subject: data.articleId });
    await bus.produce(TOPICS.review, forged);
    await eventually('the dead letter', () => deadLetters.length === 1 || undefined);

    const editor = service.as('editor', EDITOR);
    expect((await service.as('reporter', 'reporter-rob').get('/v1/dead-letters')).status).toBe(403);
    const listed = await editor.get<{ consumer: string; topics: { topic: string; deadLetterTopic: string; letters: Letter[] }[] }>('/v1/dead-letters');
    expect(listed.status).toBe(200);
    expect(listed.body.consumer).toBe('publishing');
    expect(listed.body.topics).toHaveLength(1);
    const [letter] = listed.body.topics[0].letters;
    expect(letter).toMatchObject({ sourceTopic: TOPICS.review, eventId: forged.id, subject: data.articleId, replays: [] });
    expect(letter.error).toContain('ARTICLE.SELF_APPROVAL');

    const path = `/v1/dead-letters/${TOPICS.review}/${letter.partition}/${letter.offset}`;
    const inspected = await editor.get<{ event: { id: string }; headers: Record<string, string> }>(path);
    expect(inspected.status).toBe(200);
    expect(inspected.body.event.id).toBe(forged.id);
    expect(inspected.body.headers['x-dlq-consumer']).toBe('publishing');
    expect((await editor.get<{ error: { code: string } }>(`/v1/dead-letters/${TOPICS.review}/${letter.partition}/999`)).body.error.code).toBe('DEAD_LETTER.NOT_FOUND');
    expect((await editor.get<{ error: { code: string } }>(`/v1/dead-letters/${TOPICS.drafting}/0/0`)).body.error.code).toBe('DEAD_LETTER.UNKNOWN_TOPIC');
    expect((await editor.get(`/v1/dead-letters/${TOPICS.review}/0/not-an-offset`)).status).toBe(400);

    // Replay one: back on the review topic, consumed again, and dead-lettered again (the cause is not fixed).
    const replayed = await editor.post<{ replayed: Letter[] }>(`${path}/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body.replayed[0].replays).toEqual([{ at: expect.any(String), actor: EDITOR }]);
    await eventually('the replayed event back in the dead letters', () => deadLetters.length === 2 || undefined);
    const audit = await service.sql(`SELECT actor, action, dead_letter_topic, partition, "offset"::text AS "offset", source_topic, event_id FROM dead_letter_audit`);
    expect(audit).toEqual([
      { actor: EDITOR, action: 'replay', dead_letter_topic: deadLetterTopicOf(TOPICS.review), partition: letter.partition, offset: letter.offset, source_topic: TOPICS.review, event_id: forged.id },
    ]);

    // Replay all: only the letter not replayed before.
    const all = await editor.post<{ replayed: Letter[]; skipped: number }>(`/v1/dead-letters/${TOPICS.review}/replay`, {});
    expect(all.status).toBe(202);
    expect(all.body.skipped).toBe(1);
    expect(all.body.replayed.map((replayedLetter) => replayedLetter.id)).not.toContain(letter.id);
    expect(all.body.replayed).toHaveLength(1);
    expect(await service.sql('SELECT 1 FROM dead_letter_audit')).toHaveLength(2);
  });
});
