import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { EVENT_TYPES, TOPICS, createEvent } from '@newsroom/contracts';
import type { UnitOfWork } from '@newsroom/persistence';
import type { DeadLetterPublisher } from './dead-letter.publisher';
import type { InboundMessage } from './inbound-message';
import { InboundEventProcessor } from './inbound-processor';
import { Outbox } from './outbox';

/** The processor with a unit of work that fails `failures` times with `error`, then applies. */
function processorFailing(failures: number, error: () => Error) {
  let calls = 0;
  const unitOfWork = {
    run: async (work: () => Promise<unknown>) => {
      calls += 1;
      if (calls <= failures) throw error();
      return work();
    },
    manager: { query: async () => [{ event_id: 'inserted' }] },
  } as unknown as UnitOfWork;
  const deadLetters = { publish: jest.fn(async () => undefined) };
  const processor = new InboundEventProcessor(
    { serviceName: 'spec', brokers: ['127.0.0.1:9'], maxAttempts: 3, retryBaseDelayMs: 1 },
    unitOfWork,
    deadLetters as unknown as DeadLetterPublisher,
    new Outbox(unitOfWork),
  );
  return { processor, deadLetters, calls: () => calls };
}

function claimedEvent(): InboundMessage {
  const articleId = randomUUID();
  const event = createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision: 1, editorId: 'eve', claimedAt: new Date().toISOString() }, { subject: articleId });
  return { topic: TOPICS.review, partition: 0, offset: '7', key: articleId, value: Buffer.from(JSON.stringify(event)), headers: {}, heartbeat: jest.fn(async () => undefined) };
}

describe('InboundEventProcessor while the database is unreachable', () => {
  const handlers = { [EVENT_TYPES.reviewClaimed]: async () => undefined };
  beforeAll(() => Logger.overrideLogger(false));

  it.each([
    ['a refused connection', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a dropped connection', () => new Error('Connection terminated unexpectedly')],
    ['a server shutting down (57P01), wrapped by TypeORM', () => Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) })],
  ])('waits through more failures than its attempts for %s, heartbeating, and then applies the event', async (_case, error) => {
    const { processor, deadLetters, calls } = processorFailing(6, error);
    const message = claimedEvent();
    await expect(processor.process(message, handlers)).resolves.toBe('applied');
    expect(calls()).toBe(7);
    expect(deadLetters.publish).not.toHaveBeenCalled();
    expect(message.heartbeat).toHaveBeenCalledTimes(6);
  });

  it('still dead-letters an event whose handler keeps failing for another reason', async () => {
    const { processor, deadLetters } = processorFailing(10, () => new TypeError('cannot read properties of undefined'));
    await expect(processor.process(claimedEvent(), handlers)).resolves.toBe('dead-lettered');
    expect(deadLetters.publish).toHaveBeenCalledTimes(1);
  });
});
