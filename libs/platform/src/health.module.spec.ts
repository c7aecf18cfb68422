import type { Response } from 'express';
import type { KafkaHealth } from '@newsroom/messaging';
import type { OutboxHealth } from '@newsroom/observability';
import type { DatabaseHealth } from '@newsroom/persistence';
import { HealthController } from './health.module';

/**
 * A check answering `answers` in turn, the last one from then on, as each health class answers;
 * `reachedOnce` as KafkaHealth keeps it (true once any check answered up).
 */
function checkAnswering(...answers: boolean[]) {
  let asked = 0;
  const fake = {
    reachedOnce: false,
    check: () => {
      const up = answers[Math.min(asked++, answers.length - 1)];
      if (up) fake.reachedOnce = true;
      return Promise.resolve({ up, detail: '' });
    },
  };
  return fake;
}

function controller(database: boolean[], broker: boolean[], outbox: boolean[]): HealthController {
  return new HealthController(
    checkAnswering(...database) as unknown as DatabaseHealth,
    checkAnswering(...broker) as unknown as KafkaHealth,
    checkAnswering(...outbox) as unknown as OutboxHealth,
  );
}

/** One readiness probe: its status code and body. */
async function probe(health: HealthController): Promise<{ status: number; body: { status: string } }> {
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
  await health.ready(response);
  return answer;
}

describe('readiness: whether this replica can serve its requests', () => {
  it('is ok when the database, the broker and the outbox are', async () => {
    expect(await probe(controller([true], [true], [true]))).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it.each([
    ['the broker stops answering', [true, false], [true]],
    ['events stop getting out', [true], [true, false]],
    ['both', [true, false], [true, false]],
  ])('stays in service, degraded, when %s: those strike every replica at once', async (_what, broker, outbox) => {
    const health = controller([true], broker, outbox);
    expect(await probe(health)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await probe(health)).toMatchObject({ status: 200, body: { status: 'degraded', checks: { kafka: { up: broker.at(-1) }, outbox: { up: outbox.at(-1) } } } });
  });

  it('is unavailable (503) when the database does not answer, which every request needs', async () => {
    const health = controller([true, false], [true], [true]);
    expect(await probe(health)).toMatchObject({ status: 200 });
    expect(await probe(health)).toMatchObject({ status: 503, body: { status: 'unavailable' } });
  });

  it('is starting (503) until the process has reached the broker once: a release with a wrong broker login never takes over', async () => {
    const health = controller([true], [false, false, true, false], [true]);
    expect(await probe(health)).toMatchObject({ status: 503, body: { status: 'starting' } });
    expect(await probe(health)).toMatchObject({ status: 503, body: { status: 'starting' } });
    expect(await probe(health)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await probe(health)).toMatchObject({ status: 200, body: { status: 'degraded' } });
  });
});
