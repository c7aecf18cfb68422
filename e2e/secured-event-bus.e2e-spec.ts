/**
 * The newsroom on a broker that trusts nobody: a SASL_SSL listener with a
 * throwaway CA, deny-by-default ACLs derived from the access table, and each
 * of the four service processes logging in as its own principal (SCRAM-SHA-512,
 * password from a file, the CA file). One story goes from draft to alert over
 * it; then an attacker holding editorial review's credentials (allowed to
 * write the review topic) forges an approval in another source's name, and
 * publishing dead-letters it instead of publishing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS, deadLetterTopicOf, type NewsroomEvent } from '@newsroom/contracts';
import { TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';

jest.setTimeout(240_000);

const reporter = { role: 'reporter' as const, user: 'rhea.reporter' };
const editor = { role: 'editor' as const, user: 'eddie.editor' };

describe('the newsroom over SASL_SSL with per-service principals and ACLs', () => {
  let newsroom: NewsroomUnderTest;
  let observer: TestEventBus;
  let reviewTopic: ReceivedMessage[];
  let reviewDeadLetters: ReceivedMessage[];
  let publishingTopic: ReceivedMessage[];

  beforeAll(async () => {
    newsroom = await NewsroomUnderTest.start(undefined, { securedKafka: true });
    // The observer logs in as the super user: it sees every topic, as an operator would.
    observer = new TestEventBus(newsroom.broker.brokers, newsroom.securedBroker.adminSecurity);
    [reviewTopic, reviewDeadLetters, publishingTopic] = await Promise.all([
      observer.collect(TOPICS.review),
      observer.collect(deadLetterTopicOf(TOPICS.review)),
      observer.collect(TOPICS.publishing),
    ]);
  });

  afterAll(async () => {
    await observer?.close();
    await newsroom?.stop();
  });

  it('takes a story from draft to a subscriber alert, each service as itself', async () => {
    const signup = await newsroom.call('notifications', 'POST', '/v1/subscribers', null, { email: 'politics.reader@example.com', sections: ['politics'] });
    expect(signup.status).toBe(202);
    const confirmation = await newsroom.mail.waitFor((mail) => mail.to.includes('politics.reader@example.com'), 15_000);
    const link = /https?:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+/.exec(confirmation.text)?.[0];
    expect((await fetch(link as string, { method: 'POST' })).status).toBe(200);

    const article = JSON.parse(
      readFileSync(path.resolve(__dirname, '../tools/seed/articles/01-harwick-night-freight-ban.json'), 'utf8').replaceAll('{{PUBLIC_BASE_URL}}', 'http://localhost:3003'),
    ) as Record<string, unknown>;
    const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, article);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${id}/submit`, reporter)).status).toBe(202);

    await eventually('the review item', async () => {
      const item = await newsroom.call('editorial-review', 'GET', `/v1/reviews/${id}`, editor);
      return item.status === 200 ? item.body : undefined;
    });
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/claim`, editor)).status).toBe(200);
    expect((await newsroom.call('editorial-review', 'POST', `/v1/reviews/${id}/approve`, editor, { priority: 'normal' })).status).toBe(200);

    const published = await eventually('the published draft', async () => {
      const draft = await newsroom.call<{ status: string; publicUrl: string | null }>('drafting', 'GET', `/v1/drafts/${id}`, reporter);
      return draft.body.status === 'published' && draft.body.publicUrl ? draft.body : undefined;
    });
    const pagePath = new URL(published.publicUrl as string).pathname;
    expect((await fetch(newsroom.url('publishing', pagePath))).status).toBe(200);
    const alert = await newsroom.mail.waitFor((mail) => mail.to.includes('politics.reader@example.com') && mail.text.includes(pagePath), 30_000);
    expect(alert.html).toContain(pagePath);
    // The services' health checks reach the broker with their own logins.
    for (const service of ['drafting', 'editorial-review', 'publishing', 'notifications'] as const) {
      const health = await fetch(newsroom.url(service, '/health/ready'));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', checks: { kafka: { up: true } } });
    }
  });

  it("dead-letters an approval forged with editorial review's stolen credentials in another source's name, and publishes nothing", async () => {
    const genuine = await eventually('a genuine approval on the review topic', async () =>
      reviewTopic.map((message) => message.event).find((event) => event?.type === 'news.article.approved.v1'),
    );
    // The attacker's copy: a fresh article and event id, in a source of its choosing.
    const forgedArticleId = randomUUID();
    const forged = JSON.parse(JSON.stringify(genuine).replaceAll(genuine.subject, forgedArticleId)) as NewsroomEvent;
    Object.assign(forged, { id: randomUUID(), source: 'anything' });

    const attacker = new TestEventBus(newsroom.broker.brokers, newsroom.securedBroker.securityOf('editorial-review'));
    try {
      // The broker lets it through: editorial review may write the review topic.
      await attacker.produce(TOPICS.review, forged);
    } finally {
      await attacker.close();
    }

    // Drafting reads the review topic too and refuses the same event on its own; wait for
    // publishing's dead letter, the consumer the forgery was aimed at.
    const letter = await eventually('publishing dead-lettering the forged approval', async () =>
      reviewDeadLetters.find((message) => message.event?.id === forged.id && message.headers['x-dlq-consumer'] === 'publishing'),
    );
    expect(letter.headers['x-dlq-error']).toMatch(/source/);
    expect(letter.headers['x-dlq-error']).toContain('anything');
    expect((await newsroom.call('publishing', 'GET', `/v1/articles/${forgedArticleId}`, null)).status).toBe(404);
    expect(publishingTopic.filter((message) => message.event?.subject === forgedArticleId)).toEqual([]);
  });

  it("lists publishing's dead letters over HTTP with its own login, and refuses its replay into review's topic with a coded 403, recording none", async () => {
    type Letters = { topics: Array<{ topic: string; letters: Array<{ id: string; eventId: string | null; replays: unknown[] }> }> };
    // The forged approval of the test before: publishing reads review's dead letters as itself.
    const listed = await eventually('the dead letter in publishing’s list', async () => {
      const answer = await newsroom.call<Letters>('publishing', 'GET', '/v1/dead-letters', editor);
      expect(answer.status).toBe(200);
      return answer.body.topics.find((entry) => entry.topic === TOPICS.review)?.letters[0];
    });
    // Only editorial review may write the review topic: publishing's replay is refused, and an operator replays.
    const [partition, offset] = listed.id.split(':');
    const replay = await newsroom.call<{ error: { code: string; message: string } }>('publishing', 'POST', `/v1/dead-letters/${TOPICS.review}/${partition}/${offset}/replay`, editor);
    expect(replay.status).toBe(403);
    expect(replay.body.error.code).toBe('DEAD_LETTER.REPLAY_NOT_ALLOWED');
    expect(replay.body.error.message).toContain(`npm run -s dlq -- replay ${TOPICS.review} ${listed.id}`);
    const after = await newsroom.call<Letters>('publishing', 'GET', '/v1/dead-letters', editor);
    expect(after.body.topics.find((entry) => entry.topic === TOPICS.review)?.letters.find((letter) => letter.id === listed.id)?.replays).toEqual([]);
  });
});
