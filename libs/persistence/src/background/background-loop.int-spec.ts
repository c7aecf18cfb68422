import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';
import { BackgroundLoop, type BackgroundLoopOptions } from './background-loop';

async function eventually(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(BackgroundLoop.name, () => {
  let db: TestDatabase;
  let sql: Client;
  const loops: BackgroundLoop[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_background');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  });
  afterAll(async () => {
    await sql.end();
    await db.drop();
  });

  function loop(overrides: Partial<BackgroundLoopOptions> & Pick<BackgroundLoopOptions, 'round'>): BackgroundLoop {
    const created = new BackgroundLoop({ name: 'test-loop', url: db.url, schema: 'public', lease: { kind: 'leader' }, pollIntervalMs: 60_000, ...overrides });
    loops.push(created);
    created.start();
    return created;
  }

  it('lets only one leader run per schema; the stand-by takes over when the leader stops', async () => {
    const rounds = { first: 0, second: 0 };
    const first = loop({ pollIntervalMs: 50, round: async () => ((rounds.first += 1), 'idle') });
    await eventually('the first loop to lead', () => first.isActive);
    const second = loop({ pollIntervalMs: 50, round: async () => ((rounds.second += 1), 'idle') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.isActive).toBe(false);
    expect(rounds.second).toBe(0);

    await first.stop();
    await eventually('the stand-by to take over', () => second.isActive && rounds.second > 0);
  });

  it('wakes at once on a NOTIFY to its channel, long before its poll interval', async () => {
    let rounds = 0;
    loop({ channel: 'test_loop_wake', round: async () => ((rounds += 1), 'idle') });
    await eventually('the first round', () => rounds === 1);
    await sql.query(`SELECT pg_notify('test_loop_wake', '')`);
    await eventually('a round after the notification', () => rounds === 2, 2000);
  });

  it('tells onNotification of each NOTIFY before the round it wakes, and not of its own wake-ups', async () => {
    const seen: string[] = [];
    const woken = loop({ channel: 'test_loop_told', onNotification: () => seen.push('notified'), round: async () => (seen.push('round'), 'idle') });
    await eventually('the first round', () => seen.length === 1);
    woken.wake();
    await eventually('a round after its own wake-up', () => seen.length === 2);
    await sql.query(`SELECT pg_notify('test_loop_told', '')`);
    await eventually('a round after the notification', () => seen.length === 4, 2000);
    expect(seen).toEqual(['round', 'round', 'notified', 'round']);
  });

  it('runs again at once while a round reports more work', async () => {
    let remaining = 5;
    loop({ round: async () => ((remaining -= 1), remaining > 0 ? 'more' : 'idle') });
    await eventually('all five rounds', () => remaining === 0, 2000);
  });

  it('backs off after a failing round and recovers', async () => {
    let calls = 0;
    const flaky = loop({ pollIntervalMs: 20, round: async () => {
      calls += 1;
      if (calls <= 2) throw new Error('transient');
      return 'idle';
    } });
    await eventually('a successful round after two failures', () => calls >= 3 && flaky.consecutiveFailures === 0);
  });

  it('tells a live member from one whose session is gone', async () => {
    const alive = loop({ name: 'test-members', lease: { kind: 'member', id: 'a' }, round: async () => 'idle' });
    const other = loop({ name: 'test-members', lease: { kind: 'member', id: 'b' }, round: async () => 'idle' });
    await eventually('both members active', () => alive.isActive && other.isActive);
    expect(await alive.isMemberGone('b')).toBe(false);
    await other.stop();
    expect(await alive.isMemberGone('b')).toBe(true);
  });
});
