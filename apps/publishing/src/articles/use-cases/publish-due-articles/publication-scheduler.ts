import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackgroundLoopService, type BackgroundLoopSettings, type RoundOutcome } from '@newsroom/persistence';
import { ArticleRepository, publicationScheduleChannel } from '../../persistence/article.repository';
import { PublishDueArticlesCommand } from './publish-due-articles.command';
import { PublishDueArticlesUseCase } from './publish-due-articles.use-case';

/** Fallback when nothing wakes the loop: picks up failed articles and missed notifications. */
export const SCHEDULER_POLL_INTERVAL_MS = 5000;
/** Injection token overriding that interval (ms); specs use it to tell the wake-ups from the poll. */
export const SCHEDULER_POLL_INTERVAL = Symbol('SCHEDULER_POLL_INTERVAL');
/** Upper bound per round, so a huge backlog still lets shutdown in between rounds. */
const MAX_PER_ROUND = 100;

/**
 * Publishes scheduled articles when their time comes. The schedule lives in the database
 * (`due_at`), so it survives restarts. One scheduler is active per schema (a leader lease;
 * other replicas stand by). It sleeps until the earliest `due_at`, and a use case that puts
 * a revision on the schedule wakes it through NOTIFY on commit, so it can re-plan; the poll
 * interval is only the fallback.
 */
@Injectable()
export class PublicationScheduler extends BackgroundLoopService {
  private alarm?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly articles: ArticleRepository,
    private readonly publishDue: PublishDueArticlesUseCase,
    @Optional() @Inject(SCHEDULER_POLL_INTERVAL) private readonly pollIntervalMs: number = SCHEDULER_POLL_INTERVAL_MS,
  ) {
    super(dataSource);
  }

  protected loopSettings(schema: string): BackgroundLoopSettings {
    return { name: 'publication-scheduler', lease: { kind: 'leader' }, channel: publicationScheduleChannel(schema), pollIntervalMs: this.pollIntervalMs };
  }

  /** Before the database closes: the round in progress finishes, no new one starts. */
  override async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.alarm);
    await super.beforeApplicationShutdown();
  }

  protected async round(): Promise<RoundOutcome> {
    const { limitReached, published } = await this.publishDue.execute(PublishDueArticlesCommand.create({ limit: MAX_PER_ROUND }));
    // A full round of failures must not spin: those articles wait for the next poll.
    if (limitReached && published.length > 0) return 'more';
    this.setAlarm(await this.articles.nextDueAfter(new Date()));
    return 'idle';
  }

  /** Wakes the loop when the next article falls due, if that comes before the next poll. */
  private setAlarm(dueAt: Date | null): void {
    clearTimeout(this.alarm);
    if (!dueAt) return;
    const delay = Math.max(0, dueAt.getTime() - Date.now());
    if (delay < this.pollIntervalMs) this.alarm = setTimeout(() => this.loop?.wake(), delay);
  }
}
