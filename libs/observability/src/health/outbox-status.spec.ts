import type { DataSource } from 'typeorm';
import { RelayActivity, type OutboxRelay } from '@newsroom/messaging';
import { OutboxHealth } from './outbox-status';

const LIMITS = { maxAgeSeconds: 120, relayStuckSeconds: 30 };

function health(oldest: number, relay: Partial<OutboxRelay> = {}): OutboxHealth {
  const dataSource = { query: async () => [{ backlog: oldest > 0 ? 4 : 0, oldest }] } as unknown as DataSource;
  return new OutboxHealth(dataSource, { enabled: true, activity: new RelayActivity(), ...relay } as OutboxRelay, LIMITS);
}

describe(OutboxHealth.name, () => {
  it('is ready while the oldest unsent event is within the limit', async () => {
    expect(await health(119).check()).toMatchObject({ up: true, backlog: 4, oldestUnsentSeconds: 119 });
  });

  it('is not ready once the oldest unsent event is older than the limit', async () => {
    expect(await health(121).check()).toMatchObject({ up: false, detail: 'oldest unsent event is 121 s old (limit 120 s)' });
  });

  it('is not ready once the relay has failed every send for longer than its limit, and ready again after a success', async () => {
    const activity = new RelayActivity();
    const now = new Date('2026-11-30T12:00:00Z');
    activity.recordFailure(new Error('NOT_ENOUGH_REPLICAS'), new Date(now.getTime() - 31_000));
    const stuck = health(5, { activity });
    expect(await stuck.check(now)).toMatchObject({ up: false, detail: expect.stringContaining('relay stuck') });
    activity.recordSent('newsroom.drafting.article.v1', 1);
    expect(await stuck.check(now)).toMatchObject({ up: true });
  });

  it('ignores the outbox on a rebuild replica, whose relay is off', async () => {
    expect(await health(10_000, { enabled: false }).check()).toMatchObject({ up: true });
  });
});
