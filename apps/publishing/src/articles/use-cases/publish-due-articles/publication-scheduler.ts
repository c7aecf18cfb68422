import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PublishDueArticlesUseCase } from './publish-due-articles.use-case';

export const SCHEDULER_INTERVAL_MS = 500;
/** Upper bound per round, so a huge backlog still lets shutdown in between rounds. */
const MAX_PER_ROUND = 100;

/**
 * Polls for scheduled articles whose time has come and publishes them. The schedule lives in
 * the database (`due_at`), so it survives restarts; rows are claimed with SKIP LOCKED, so
 * several replicas can poll at once and each article goes live exactly once.
 */
@Injectable()
export class PublicationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PublicationScheduler.name);
  private running = false;
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(private readonly publishDue: PublishDueArticlesUseCase) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.next(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  /** One pass over everything due now; exposed for tests. */
  async runOnce(now = new Date()): Promise<number> {
    const failed = new Set<string>();
    let published = 0;
    for (let i = 0; i < MAX_PER_ROUND && !this.stopping; i += 1) {
      let outcome;
      try {
        outcome = await this.publishDue.publishNext(now, failed);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not look for scheduled articles; will retry');
        break;
      }
      if (outcome.kind === 'none') break;
      if (outcome.kind === 'failed') {
        failed.add(outcome.articleId);
        this.logger.error({ articleId: outcome.articleId, err: outcome.error }, 'could not publish a scheduled article; will retry');
        continue;
      }
      published += 1;
    }
    return published;
  }

  private next(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.round = this.runOnce()
        .then(() => undefined)
        .finally(() => this.next(SCHEDULER_INTERVAL_MS));
    }, delay);
  }
}
