/**
 * A service started while the broker does not answer serves HTTP at once, says `starting` on
 * its readiness probe, and once the broker answers begins consuming and relaying by itself —
 * rather than exiting, as it did when its producers' first connection failed (a broker outage
 * then kept every restarted pod, the public site's and the desk's too, from coming up).
 *
 * The broker is reached through a TCP door on a port of its own that the test opens later:
 * refused at first, then forwarding to the real local broker (whose metadata sends the clients
 * on to its own address).
 */
import { randomUUID } from 'node:crypto';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { createEvent, EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { eventually, ServiceUnderTest, TestEventBus, type ReceivedMessage } from '@newsroom/test-harness';
import { freePort, startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { article } from '../test/article.fixtures';
import { startEditorialReview } from './editorial-review.service';

jest.setTimeout(180_000);

interface Readiness {
  status: string;
  checks: { kafka: { up: boolean } };
}

describe('a service started while the broker is away', () => {
  let broker: LocalBroker;
  let service: ServiceUnderTest | undefined;
  let door: Server | undefined;
  let bus: TestEventBus;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    broker = await startLocalBroker();
    bus = new TestEventBus(broker.brokers);
  });

  afterAll(async () => {
    await bus?.close();
    await service?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => (door ? door.close(resolve) : resolve(undefined)));
    await broker?.stop();
  });

  it('serves and says it is starting, then consumes and relays once the broker answers', async () => {
    const port = await freePort();
    const [host, realPort] = broker.brokers[0].split(':');
    service = await ServiceUnderTest.start({
      name: 'editorial_review_broker_away',
      schema: 'editorial_review',
      brokers: [`127.0.0.1:${port}`],
      boot: startEditorialReview,
    });

    // Up and answering although no broker was reached.
    expect((await service.anonymous.get('/health/live')).status).toBe(200);
    const starting = await service.anonymous.get<Readiness>('/health/ready');
    expect(starting.status).toBe(503);
    expect(starting.body.status).toBe('starting');
    expect((await service.as('editor', 'bob').get('/v1/reviews?status=pending')).status).toBe(200);

    // The broker answers: readiness follows, and an event produced now is applied.
    door = createServer((socket) => {
      const upstream = connectTcp(Number(realPort), host);
      sockets.add(socket).add(upstream);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => door!.listen(port, '127.0.0.1', resolve));
    await eventually('readiness once the broker answers', async () => ((await service!.anonymous.get('/health/ready')).status === 200 ? true : undefined), { timeoutMs: 90_000 });

    const reviewTopic: ReceivedMessage[] = await bus.collect(TOPICS.review);
    const articleId = randomUUID();
    const event = createEvent(EVENT_TYPES.articleSubmitted, { articleId, revision: 1, authorId: 'alice', submittedAt: new Date().toISOString(), article: article() }, { subject: articleId });
    await bus.produce(TOPICS.drafting, event);
    await service.handled(event.id, 90_000);

    // The relay started too: an editor's claim goes out on the review topic.
    expect((await service.as('editor', 'bob').post(`/v1/reviews/${articleId}/claim`, {})).status).toBe(200);
    await eventually('the claim on the review topic', () => reviewTopic.some((message) => message.event?.subject === articleId) || undefined, { timeoutMs: 60_000 });
  });
});
