import type { Response } from 'express';
import type { KafkaHealth } from '@newsroom/messaging';
import type { OutboxHealth } from '@newsroom/observability';
import type { DatabaseHealth } from '@newsroom/persistence';
import { HealthController } from './health.module';

/** A check as each health class answers it. */
const check = (up: boolean) => ({ check: () => Promise.resolve({ up, detail: up ? 'ok' : 'down' }) });

async function readiness(database: boolean, kafka: boolean, outbox: boolean): Promise<{ status: number; body: { status: string } }> {
  const controller = new HealthController(check(database) as unknown as DatabaseHealth, check(kafka) as unknown as KafkaHealth, check(outbox) as unknown as OutboxHealth);
  const answer = { status: 0, body: { status: '' } };
  const response = {
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: { status: string }) {
      answer.body = body;
      return this;
    },
  } as unknown as Response;
  await controller.ready(response);
  return answer;
}

describe('readiness: whether this replica can serve its requests', () => {
  it('is ok when the database, the broker and the outbox are', async () => {
    expect(await readiness(true, true, true)).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it.each([
    ['the broker does not answer', true, false, true],
    ['events are not getting out', true, true, false],
    ['neither', true, false, false],
  ])('stays in service, degraded, when %s: those strike every replica at once', async (_what, database, kafka, outbox) => {
    expect(await readiness(database, kafka, outbox)).toMatchObject({ status: 200, body: { status: 'degraded', checks: { kafka: { up: kafka }, outbox: { up: outbox } } } });
  });

  it('is unavailable (503) when the database does not answer, which every request needs', async () => {
    expect(await readiness(false, true, true)).toMatchObject({ status: 503, body: { status: 'unavailable' } });
  });
});
