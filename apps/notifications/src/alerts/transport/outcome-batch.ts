import { Logger } from '@nestjs/common';
import type { DeliveryRepository, RecordedOutcome } from '../persistence/delivery.repository';

/** Outcomes stored in one transaction at most; a batch is written as soon as it is full. */
export const OUTCOME_BATCH_SIZE = 200;
/** How long an outcome waits for others to share its transaction (ms). */
const OUTCOME_BATCH_DELAY_MS = 5;
/** Attempts to store a batch before giving up (its rows then stay `sending`; once their worker is gone they are re-sent, same Message-ID / Topic). */
const RECORD_ATTEMPTS = 5;

interface Waiting {
  entry: RecordedOutcome;
  stored: () => void;
}

/**
 * Collects the outcomes of one worker's sends and stores them together: one
 * transaction of two statements per batch instead of one transaction of two
 * statements per alert. `add` resolves once the outcome is committed (or given
 * up on), so the worker frees a send slot only then and a crash loses at most
 * what was in flight — which the sweep logs `unknown` and re-sends with the same Message-ID / Topic.
 */
export class OutcomeBatch {
  private readonly logger = new Logger(OutcomeBatch.name);
  private waiting: Waiting[] = [];
  private timer?: NodeJS.Timeout;
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly workerId: string,
  ) {}

  add(entry: RecordedOutcome): Promise<void> {
    return new Promise<void>((stored) => {
      this.waiting.push({ entry, stored });
      if (this.waiting.length >= OUTCOME_BATCH_SIZE) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), OUTCOME_BATCH_DELAY_MS);
    });
  }

  /** Writes what is waiting now; resolves when every batch started so far is stored. */
  async drain(): Promise<void> {
    this.flush();
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    const writing = this.write(batch).finally(() => this.writing.delete(writing));
    this.writing.add(writing);
  }

  private async write(batch: Waiting[]): Promise<void> {
    const entries = batch.map((waiting) => waiting.entry);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.deliveries.recordOutcomes(this.workerId, entries);
        break;
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.logger.error(
            { deliveryIds: entries.map((entry) => entry.delivery.id), err: error },
            'could not record delivery outcomes; they stay "sending" and are re-sent once this worker is gone',
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
    for (const waiting of batch) waiting.stored();
  }
}
