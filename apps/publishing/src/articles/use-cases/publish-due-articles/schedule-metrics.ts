import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { gauge } from '@newsroom/observability';

/** A due story still waiting after this many seconds counts as late: the scheduler wakes within a second of `due_at`. */
export const LATE_AFTER_SECONDS = 60;

/**
 * The schedule as Prometheus sees it, read from `articles.due_at` at each scrape (one
 * indexed query): stories waiting for their time, stories due and not yet live, and how
 * late the most overdue one is. A late story means the scheduler is not running (no
 * replica holds its lease) or keeps failing on it.
 */
@Injectable()
export class ScheduleMetrics implements OnModuleInit {
  private readonly logger = new Logger(ScheduleMetrics.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const { dataSource, logger } = this;
    gauge({
      name: 'newsroom_scheduled_stories',
      help: `Stories with a revision waiting to go live, by state: waiting (due later), due (due now), late (due more than ${LATE_AFTER_SECONDS} s ago).`,
      labelNames: ['state'],
      async collect() {
        try {
          const [row] = (await dataSource.query(
            `SELECT count(*) FILTER (WHERE due_at > now())::int AS waiting,
                    count(*) FILTER (WHERE due_at <= now() AND due_at > now() - make_interval(secs => $1))::int AS due,
                    count(*) FILTER (WHERE due_at <= now() - make_interval(secs => $1))::int AS late
             FROM articles WHERE due_at IS NOT NULL`,
            [LATE_AFTER_SECONDS],
          )) as { waiting: number; due: number; late: number }[];
          this.set({ state: 'waiting' }, row.waiting);
          this.set({ state: 'due' }, row.due);
          this.set({ state: 'late' }, row.late);
        } catch (error) {
          logger.warn({ err: error }, 'could not read the schedule for metrics');
        }
      },
    });
    gauge({
      name: 'newsroom_schedule_oldest_due_seconds',
      help: 'Seconds since the most overdue waiting revision fell due (0 when none is due).',
      async collect() {
        const [row] = (await dataSource.query(
          `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(due_at)), 0)::float8 AS overdue FROM articles WHERE due_at <= now()`,
        )) as { overdue: number }[];
        this.set(Math.max(0, row.overdue));
      },
    });
  }
}
