import type { ClaimedDelivery } from '../domain/delivery';
import type { Channel } from '../domain/delivery-status';
import type { DeliveryRepository, RecordedOutcome } from '../persistence/delivery.repository';
import { OutcomeBatch, type LaneOutcome } from './outcome-batch';

/** A repository whose writes wait until the test lets them finish, recording what each was asked. */
class HeldRepository {
  readonly writes: { ids: string[]; refill: Partial<Record<Channel, number>>; finish: (claimed: ClaimedDelivery[]) => void; fail: (error: Error) => void }[] = [];

  recordOutcomesAndClaim(_workerId: string, outcomes: readonly RecordedOutcome[], refill: Partial<Record<Channel, number>>): Promise<ClaimedDelivery[]> {
    return new Promise((finish, fail) => this.writes.push({ ids: outcomes.map((entry) => entry.delivery.id), refill, finish, fail }));
  }
}

const outcome = (id: string, channel: Channel): LaneOutcome => ({
  delivery: { id, attempt: 1 },
  channel,
  startedAt: new Date(),
  finishedAt: new Date(),
  outcome: { status: 'sent', responseCode: 250 },
});
const claimed = (id: string, channel: Channel) => ({ id, channel }) as ClaimedDelivery;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const eventuallyTrue = async (check: () => boolean) => {
  for (let waited = 0; !check(); waited += 10) {
    if (waited > 2000) throw new Error('timed out');
    await settle();
  }
};

describe(OutcomeBatch.name, () => {
  it('writes one batch at a time: what finishes meanwhile is the next batch, written once the first is stored', async () => {
    const repository = new HeldRepository();
    const batch = new OutcomeBatch(repository as unknown as DeliveryRepository, 'worker');
    const stored: string[] = [];
    const add = (id: string) => batch.add(outcome(id, 'email')).then(() => stored.push(id));

    void add('1');
    await settle();
    void add('2');
    void add('3');
    await settle();
    expect(repository.writes.map((write) => write.ids)).toEqual([['1']]);

    repository.writes[0].finish([]);
    await settle();
    expect(stored).toEqual(['1']);
    expect(repository.writes.map((write) => write.ids)).toEqual([['1'], ['2', '3']]);

    repository.writes[1].finish([]);
    await settle();
    expect(stored).toEqual(['1', '2', '3']);
  });

  it('asks for one replacement per freed slot of each lane and hands them over before freeing the slots', async () => {
    const repository = new HeldRepository();
    const events: string[] = [];
    const batch = new OutcomeBatch(repository as unknown as DeliveryRepository, 'worker', {
      wanted: (channel, finishing) => (channel === 'push' ? 0 : finishing),
      claimed: (deliveries) => events.push(`started ${deliveries.map((delivery) => delivery.id).join(',')}`),
    });

    const done = Promise.all([
      batch.add(outcome('1', 'email')).then(() => events.push('stored 1')),
      batch.add(outcome('2', 'email')).then(() => events.push('stored 2')),
      batch.add(outcome('3', 'push')).then(() => events.push('stored 3')),
    ]);
    await settle();
    expect(repository.writes.map((write) => write.refill)).toEqual([{ email: 2, push: 0 }]);

    repository.writes[0].finish([claimed('7', 'email'), claimed('8', 'email')]);
    await done;
    expect(events).toEqual(['started 7,8', 'stored 1', 'stored 2', 'stored 3']);
  });

  it('tells the refill what each try asked for, an empty claim when the try failed (not stored), so none stays counted as claiming and none reads as nothing due', async () => {
    const repository = new HeldRepository();
    const told: { ids: string[]; asked: Partial<Record<Channel, number>>; stored: boolean }[] = [];
    let stored = false;
    const batch = new OutcomeBatch(repository as unknown as DeliveryRepository, 'worker', {
      wanted: (_channel, finishing) => finishing + 1,
      claimed: (deliveries, asked, stored) => told.push({ ids: deliveries.map((delivery) => delivery.id), asked, stored }),
    });
    const adding = batch.add(outcome('1', 'email')).then(() => (stored = true));
    await settle();

    repository.writes[0].fail(new Error('connection reset'));
    await settle();
    expect(told).toEqual([{ ids: [], asked: { email: 2 }, stored: false }]);
    expect(stored).toBe(false);

    await eventuallyTrue(() => repository.writes.length === 2);
    repository.writes[1].finish([claimed('9', 'email')]);
    await adding;
    expect(told).toEqual([
      { ids: [], asked: { email: 2 }, stored: false },
      { ids: ['9'], asked: { email: 2 }, stored: true },
    ]);
  });

  it('drains every outcome added, including those added while a batch is being written', async () => {
    const repository = new HeldRepository();
    const batch = new OutcomeBatch(repository as unknown as DeliveryRepository, 'worker');
    void batch.add(outcome('1', 'email'));
    await settle();
    void batch.add(outcome('2', 'push'));

    let drained = false;
    const draining = batch.drain().then(() => (drained = true));
    repository.writes[0].finish([]);
    await settle();
    expect(drained).toBe(false);
    expect(repository.writes.map((write) => write.ids)).toEqual([['1'], ['2']]);

    repository.writes[1].finish([]);
    await draining;
    expect(drained).toBe(true);
  });
});
