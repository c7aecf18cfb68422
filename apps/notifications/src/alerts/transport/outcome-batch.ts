import { Logger } from '@nestjs/common';
import type { ClaimedDelivery } from '../domain/delivery';
import type { Channel } from '../domain/delivery-status';
import type { DeliveryRepository, RecordedOutcome } from '../persistence/delivery.repository';

/** Outcomes stored in one statement at most; a batch is written as soon as it is full. */
export const OUTCOME_BATCH_SIZE = 200;
/** How long an outcome waits for others to share its statement when no batch is being written (ms). */
const OUTCOME_BATCH_DELAY_MS = 2;
/** Attempts to store a batch before giving up (its rows then stay `sending`; once their worker is gone they are re-sent, same Message-ID / Topic). */
const RECORD_ATTEMPTS = 5;

/** An outcome to store, with the lane whose slot it holds until stored. */
export interface LaneOutcome extends RecordedOutcome {
  channel: Channel;
}

/**
 * How the worker refills its lanes in the batch's own statement.
 * `wanted` is asked before each try of the write: how many deliveries of `channel` to claim
 * when `finishing` of its rows are about to stop being `sending` (0: none, e.g. while stopping
 * or for a rate-limited lane). `claimed` is told after each try what it brought, with what was
 * asked (an empty list when the try failed: `stored` false), before the finished outcomes count as stored.
 */
export interface Refill {
  wanted(channel: Channel, finishing: number): number;
  claimed(deliveries: ClaimedDelivery[], asked: Partial<Record<Channel, number>>, stored: boolean): void;
}

interface Waiting {
  entry: LaneOutcome;
  stored: () => void;
}

/**
 * Collects the outcomes of one worker's sends and stores them together: one
 * statement per batch (outcomes, attempt rows, and the claim that refills the
 * freed slots: DeliveryRepository.recordOutcomesAndClaim) instead of a transaction
 * per alert and a claim per few alerts. One batch is written at a time: outcomes
 * that finish meanwhile form the next batch, written as soon as the current one
 * is stored, so batches grow with the rate instead of waiting on a timer.
 * `add` resolves once the outcome is committed (or given up on), so the worker
 * frees a send slot only then and a crash loses at most what was in flight —
 * which the sweep logs `unknown` and re-sends with the same Message-ID / Topic.
 */
export class OutcomeBatch {
  private readonly logger = new Logger(OutcomeBatch.name);
  private waiting: Waiting[] = [];
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly workerId: string,
    private readonly refill?: Refill,
  ) {}

  add(entry: LaneOutcome): Promise<void> {
    return new Promise<void>((stored) => {
      this.waiting.push({ entry, stored });
      if (this.writing) return; // written when the current batch is stored
      if (this.waiting.length >= OUTCOME_BATCH_SIZE) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), OUTCOME_BATCH_DELAY_MS);
    });
  }

  /** Writes what is waiting now; resolves when everything added so far is stored. */
  async drain(): Promise<void> {
    this.flush();
    while (this.writing || this.waiting.length > 0) {
      if (this.writing) await this.writing;
      else this.flush();
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, OUTCOME_BATCH_SIZE);
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      // What finished while this batch was written goes at once: it has waited long enough.
      if (this.waiting.length > 0) this.flush();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    const entries = batch.map((waiting) => waiting.entry);
    const finishing: Partial<Record<Channel, number>> = {};
    for (const entry of entries) finishing[entry.channel] = (finishing[entry.channel] ?? 0) + 1;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const asked = Object.fromEntries(
          (Object.entries(finishing) as [Channel, number][]).map(([channel, count]) => [channel, this.refill?.wanted(channel, count) ?? 0]),
        ) as Partial<Record<Channel, number>>;
        let claimed: ClaimedDelivery[] = [];
        let stored = false;
        try {
          claimed = await this.deliveries.recordOutcomesAndClaim(this.workerId, entries, asked);
          stored = true;
          return;
        } catch (error) {
          if (attempt >= RECORD_ATTEMPTS) {
            this.logger.error(
              { deliveryIds: entries.map((entry) => entry.delivery.id), err: error },
              'could not record delivery outcomes; they stay "sending" and are re-sent once this worker is gone',
            );
            return;
          }
        } finally {
          // The replacements are in hand before the finished outcomes count as stored, so a lane never looks empty in between.
          this.refill?.claimed(claimed, asked, stored);
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    } finally {
      for (const waiting of batch) waiting.stored();
    }
  }
}
