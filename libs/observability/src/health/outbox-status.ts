import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxRelay } from '@newsroom/messaging';

export interface OutboxStatus {
  /** Rows recorded and not yet acknowledged by the broker. */
  backlog: number;
  /** Age of the oldest of them, in seconds (0 when there is none). */
  oldestUnsentSeconds: number;
}

export interface OutboxReadiness {
  up: boolean;
  detail: string;
  backlog?: number;
  oldestUnsentSeconds?: number;
}

export const OUTBOX_LIMITS = Symbol('OUTBOX_LIMITS');

export interface OutboxLimits {
  /** Readiness fails once the oldest unsent row is older than this (seconds). */
  maxAgeSeconds: number;
  /** Readiness fails once this replica's relay has failed every send for this long (seconds). */
  relayStuckSeconds: number;
}

/**
 * The outbox as an operator sees it: how much waits and for how long, and whether the
 * relay is stuck. Read by the metrics and the readiness probe; one indexed query
 * (the unsent rows' partial index).
 */
@Injectable()
export class OutboxHealth {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(OUTBOX_LIMITS) private readonly limits: OutboxLimits,
  ) {}

  async status(): Promise<OutboxStatus> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
       FROM outbox WHERE sent_at IS NULL`,
    )) as { backlog: number; oldest: number }[];
    return { backlog: row.backlog, oldestUnsentSeconds: Math.max(0, row.oldest) };
  }

  /**
   * Not ready when events wait longer than `maxAgeSeconds` (whichever replica holds the
   * relay, events are not getting out) or when this replica's relay has failed every
   * send for `relayStuckSeconds` (the broker refuses it, or its topic is gone).
   */
  async check(now = new Date()): Promise<OutboxReadiness> {
    if (!this.relay.enabled) return { up: true, detail: 'relay off on this instance (a rebuild replica): its outbox is never sent' };
    const failingSince = this.relay.activity.failingSince;
    if (failingSince && now.getTime() - failingSince.getTime() > this.limits.relayStuckSeconds * 1000) {
      return { up: false, detail: `relay stuck: every send has failed since ${failingSince.toISOString()} (${this.relay.activity.lastError ?? 'unknown error'})` };
    }
    try {
      const { backlog, oldestUnsentSeconds } = await this.status();
      const tooOld = oldestUnsentSeconds > this.limits.maxAgeSeconds;
      return {
        up: !tooOld,
        detail: tooOld ? `oldest unsent event is ${Math.round(oldestUnsentSeconds)} s old (limit ${this.limits.maxAgeSeconds} s)` : `${backlog} waiting`,
        backlog,
        oldestUnsentSeconds,
      };
    } catch (error) {
      return { up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
