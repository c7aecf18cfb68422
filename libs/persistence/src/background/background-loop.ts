import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { WakeSignal } from './wake-signal';

/** What one round of work reports: `more` runs the next round at once, `idle` sleeps until woken or the poll interval. */
export type RoundOutcome = 'more' | 'idle';

export interface BackgroundLoopOptions {
  /** Names the loop in logs, pg_stat_activity and its advisory lock, e.g. `outbox-relay`. */
  name: string;
  /** postgres:// URL and schema of the service owning the work. */
  url: string;
  schema: string;
  /**
   * `leader`: one active loop per schema across all replicas (the others stand by
   * until the leader's session ends). `member`: every replica runs, each holding a
   * lock named after `id`, so the others can tell a live member from a crashed one
   * (`isMemberGone`).
   */
  lease: { kind: 'leader' } | { kind: 'member'; id: string };
  /** A NOTIFY on this channel (sent on commit by the producer of work) wakes the loop at once. */
  channel?: string;
  /**
   * Told of each NOTIFY on `channel` as it arrives, before the loop wakes: a round woken by the
   * loop's own `wake()` and one woken because new work was committed are otherwise alike.
   */
  onNotification?: () => void;
  /** Fallback poll when nothing wakes it, in ms (retries that come due, missed notifications). */
  pollIntervalMs: number;
  /** Back-off cap after failing rounds, in ms (it doubles from 100 ms). */
  maxBackoffMs?: number;
  /** One round of work. Throwing counts as a failure: the loop backs off and tries again. */
  round(): Promise<RoundOutcome>;
}

/**
 * The one background-work primitive: a loop that holds a PostgreSQL session
 * lease (advisory lock), wakes on LISTEN/NOTIFY, polls as a fallback and backs
 * off on failure. The outbox relay, the publication scheduler and the delivery
 * worker are each a `round()` on top of it.
 *
 * Why our own rather than a job queue: each of these loops claims rows of the
 * service's own tables in their own order (the outbox by `seq`, deliveries with
 * SKIP LOCKED by priority and due time, articles by `due_at`), inside the same
 * transactions as the business writes. A queue such as pg-boss would add a
 * second copy of that state, and a second transaction to keep consistent with it.
 */
export class BackgroundLoop {
  private readonly logger: Logger;
  private readonly wakeSignal = new WakeSignal();
  private session?: Client;
  private holding = false;
  private running = false;
  private loop?: Promise<void>;
  private failures = 0;

  constructor(private readonly options: BackgroundLoopOptions) {
    this.logger = new Logger(`BackgroundLoop:${options.name}`);
  }

  /** True while this loop holds its lease on a live session. */
  get isActive(): boolean {
    return this.holding;
  }

  /** Consecutive failed rounds (0 when the last round succeeded); for health checks. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the current round finish, then releases the lease. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeSignal.wake();
    await this.loop;
    await this.release();
  }

  /** Runs the next round now (or right after the current one). */
  wake(): void {
    this.wakeSignal.wake();
  }

  /** True when no session holds member `id`'s lock: that member is gone (crashed or stopped). */
  async isMemberGone(id: string): Promise<boolean> {
    const session = this.session;
    if (!session || !this.holding) throw new Error(`${this.options.name} holds no lease`);
    const lock = this.lockName(id);
    const { rows } = await session.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [lock]);
    if (!rows[0].acquired) return false;
    await session.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lock]);
    return true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      // Cleared before the round: a wake from here on counts for the next sleep.
      this.wakeSignal.clear();
      let outcome: RoundOutcome = 'idle';
      try {
        if (!this.holding) await this.acquire();
        if (this.holding) outcome = await this.options.round();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger.warn({ err: error, failures: this.failures }, `${this.options.name} round failed; will retry`);
        await this.releaseIfBroken();
      }
      if (outcome === 'more' && this.running) continue;
      const backoff = Math.min(this.options.maxBackoffMs ?? 5000, 100 * 2 ** this.failures);
      const delay = this.failures > 0 ? backoff : this.holding ? this.options.pollIntervalMs : Math.max(this.options.pollIntervalMs, 2000);
      if (this.running) await this.wakeSignal.sleep(delay);
    }
  }

  private lockName(id?: string): string {
    const { lease, name, schema } = this.options;
    return lease.kind === 'leader' ? `newsroom:${name}:${schema}` : `newsroom:${name}:${schema}:${id ?? lease.id}`;
  }

  private async acquire(): Promise<void> {
    const session = new Client({ connectionString: this.options.url, application_name: `newsroom-${this.options.name}` });
    session.on('error', (err) => {
      this.holding = false;
      this.logger.warn({ err }, `${this.options.name} lost its database session`);
    });
    session.on('end', () => {
      this.holding = false;
    });
    session.on('notification', () => {
      this.options.onNotification?.();
      this.wakeSignal.wake();
    });
    await session.connect();
    try {
      const lock = this.lockName();
      const { rows } = await session.query<{ acquired: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS acquired`, [lock]);
      if (!rows[0].acquired) {
        await session.end();
        return;
      }
      if (this.options.channel) await session.query(`LISTEN "${this.options.channel}"`);
    } catch (error) {
      await session.end().catch(() => undefined);
      throw error;
    }
    this.session = session;
    this.holding = true;
    this.logger.log(`${this.options.name} is active`);
  }

  private async releaseIfBroken(): Promise<void> {
    if (!this.session) return;
    try {
      await this.session.query('SELECT 1');
    } catch {
      await this.release();
    }
  }

  private async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    this.holding = false;
    await session?.end().catch(() => undefined);
  }
}
