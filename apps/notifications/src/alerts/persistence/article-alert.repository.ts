import { Injectable } from '@nestjs/common';
import { schemaOf, UnitOfWork } from '@newsroom/persistence';
import { ArticleAlert, type AlertContent } from '../domain/article-alert';
import type { Channel } from '../domain/delivery-status';
import { ArticleAlertEntity } from './article-alert.entity';
import { deliveriesChannel } from './delivery.repository';
import { articleParameters, EMAIL_RECIPIENTS, PUSH_RECIPIENTS } from './recipient-selection';

export interface FanOutCounts {
  email: number;
  push: number;
}

/** Where a background fan-out job stands after one batch. */
export interface FanOutProgress {
  articleId: string;
  channel: Channel;
  /** Deliveries queued by this job so far (the first batch included). */
  queued: number;
  /** Queued by this batch. */
  batch: number;
  /** Every recipient is expanded, or the article was withdrawn. */
  done: boolean;
  withdrawn: boolean;
}

const CHANNELS: readonly Channel[] = ['email', 'push'];

/** Channel the fan-out expanders LISTEN on; NOTIFY inside a transaction is delivered on commit. */
export function fanOutsChannel(schema: string): string {
  return `newsroom_fan_outs_${schema}`;
}

/**
 * Articles as the alerts know them, and the fan-out of one article to its
 * recipients, in the caller's unit of work (`update…` open one of their own
 * when the caller has none).
 */
@Injectable()
export class ArticleAlertRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Locks the article's alert row until the unit ends (one event about an article at a time). */
  async findForUpdate(articleId: string): Promise<ArticleAlert | null> {
    const row = await this.unitOfWork.requireActive('findForUpdate').findOne(ArticleAlertEntity, { where: { articleId }, lock: { mode: 'pessimistic_write' } });
    return row ? toArticleAlert(row) : null;
  }

  /**
   * One event about an article: locks its alert (an unknown one when no event about
   * the article was seen yet), applies `change` and stores the alert, in one unit of
   * work (the caller's, or its own). Returns what `change` returned.
   */
  update<T>(articleId: string, change: (alert: ArticleAlert) => T): Promise<T> {
    return this.unitOfWork.run(async () => {
      const alert = (await this.findForUpdate(articleId)) ?? ArticleAlert.unknown(articleId);
      const result = change(alert);
      await this.save(alert);
      return result;
    });
  }

  /**
   * Like `update`, for an article an event was seen about: stores the alert only when
   * `change` says it changed. False, and nothing stored, for an unknown article.
   */
  updateKnown(articleId: string, change: (alert: ArticleAlert) => boolean): Promise<boolean> {
    return this.unitOfWork.run(async () => {
      const alert = await this.findForUpdate(articleId);
      if (!alert || !change(alert)) return false;
      await this.save(alert);
      return true;
    });
  }

  findById(articleId: string): Promise<ArticleAlertEntity | null> {
    return this.unitOfWork.manager.findOneBy(ArticleAlertEntity, { articleId });
  }

  async save(alert: ArticleAlert): Promise<void> {
    const state = alert.snapshot();
    const content = state.content;
    await this.unitOfWork.manager.upsert(
      ArticleAlertEntity,
      {
        articleId: state.articleId,
        revision: content?.revision ?? null,
        headline: content?.headline ?? null,
        standfirst: content?.standfirst ?? null,
        url: content?.url ?? null,
        section: content?.section ?? null,
        tags: content?.tags ?? [],
        priority: content?.priority ?? null,
        language: content?.language ?? null,
        publishedAt: state.publishedAt,
        withdrawnAt: state.withdrawnAt,
        fannedOutAt: state.fannedOutAt,
        updatedAt: new Date(),
      },
      ['articleId'],
    );
  }

  /**
   * One pending delivery per matching recipient per channel (recipient-selection.ts),
   * due now, or when the recipient's quiet hours end for a non-breaking story, for at
   * most `firstBatch` recipients per channel now; a channel with more gets a fan-out job
   * (fan_outs) that `expandNextFanOut` continues in the background from where this
   * stopped. In the same statement the alert keeps `traceparent` (W3C, so every delivery
   * of the article, sent later by a worker loop, is traced under the story:
   * DeliveryWorker), the delivery workers are woken if anything was queued and the
   * expanders if a job was recorded — each NOTIFY delivered only when the caller's unit
   * of work commits. One round trip for all of it: this runs inside the Kafka handler on
   * the way to every alert, where each statement is a round trip to the database. ON CONFLICT DO NOTHING against UNIQUE (article_id, recipient_id,
   * channel) means running this again, for any reason, never creates a second alert for
   * anyone. Returns how many deliveries were created now and which channels continue in
   * the background.
   */
  async fanOut(
    articleId: string,
    content: AlertContent,
    options: { firstBatch?: number; traceparent?: string } = {},
  ): Promise<FanOutCounts & { continuing: Channel[] }> {
    const manager = this.unitOfWork.requireActive('fanOut');
    const schema = schemaOf(manager.connection);
    const limit = Math.min(options.firstBatch ?? Number.MAX_SAFE_INTEGER, MAX_BATCH);
    // $1 article, $2–$4 articleParameters(), $5 no cursor, $6 the batch, $7 traceparent, $8/$9 the wake-up channels.
    const rows = (await manager.query(
      `WITH ${CHANNELS.map((channel) => batchSql(channel, `${channel}_`)).join(',\n')},
       counts AS (
         ${CHANNELS.map(
           (channel) =>
             `SELECT '${channel}'::text AS channel, (SELECT count(*) FROM ${channel}_inserted)::int AS queued,
                     (SELECT count(*) FROM ${channel}_batch)::int AS selected, (SELECT id FROM ${channel}_batch ORDER BY id DESC LIMIT 1) AS last`,
         ).join('\n UNION ALL ')}
       ), jobs AS (
         INSERT INTO fan_outs (article_id, channel, after_recipient, queued)
         SELECT $1, channel, last, queued FROM counts WHERE selected >= $6
         ON CONFLICT (article_id, channel) DO NOTHING
       ), traced AS (
         UPDATE article_alerts SET fan_out_traceparent = $7 WHERE article_id = $1 AND $7::text IS NOT NULL
       )
       -- Uncorrelated subqueries run once for the statement (init plans), whatever the rows.
       SELECT channel, queued, selected >= $6 AS continuing,
              (SELECT count(*) FROM (SELECT pg_notify($8, '') WHERE (SELECT sum(queued) FROM counts) > 0) wake)::int AS workers_woken,
              (SELECT count(*) FROM (SELECT pg_notify($9, '') WHERE EXISTS (SELECT 1 FROM counts WHERE selected >= $6)) wake)::int AS expanders_woken
       FROM counts`,
      [articleId, ...articleParameters(content), null, limit, options.traceparent ?? null, deliveriesChannel(schema), fanOutsChannel(schema)],
    )) as { channel: Channel; queued: number; continuing: boolean }[];
    const counts: FanOutCounts = { email: 0, push: 0 };
    for (const row of rows) counts[row.channel] = row.queued;
    return { ...counts, continuing: rows.filter((row) => row.continuing).map((row) => row.channel) };
  }

  /**
   * Continues the oldest open fan-out job no other worker holds (breaking
   * alerts first) by one keyset batch of `limit` recipients, in one unit of
   * work: the deliveries, the job's cursor and count, and a wake-up for the
   * delivery workers commit together, so a crash repeats at most one batch,
   * which the UNIQUE constraint absorbs. A job whose article was withdrawn
   * meanwhile is closed without expanding (the article's alert row is locked
   * for share, so a withdrawal either sees this batch and cancels it, or is
   * seen here). Null when no job is open.
   */
  expandNextFanOut(limit: number): Promise<FanOutProgress | null> {
    return this.unitOfWork.run(async () => {
      const manager = this.unitOfWork.requireActive('expandNextFanOut');
      const [job] = (await manager.query(
        `SELECT f.article_id, f.channel, f.after_recipient, f.queued FROM fan_outs f
         JOIN article_alerts a ON a.article_id = f.article_id
         WHERE f.done_at IS NULL
         ORDER BY (a.priority = 'breaking') DESC, f.created_at
         LIMIT 1
         FOR UPDATE OF f SKIP LOCKED`,
      )) as { article_id: string; channel: Channel; after_recipient: string | null; queued: number }[];
      if (!job) return null;
      const [alert] = (await manager.query(`SELECT article_id FROM article_alerts WHERE article_id = $1 FOR SHARE`, [job.article_id])) as unknown[];
      const current = alert ? await this.findById(job.article_id) : null;
      const content = current ? contentOf(current) : null;
      const withdrawn = !current || current.withdrawnAt !== null || content === null;
      const batch = withdrawn ? { queued: 0, last: null } : await this.expandBatch(job.article_id, content, job.channel, job.after_recipient, limit);
      await manager.query(
        `UPDATE fan_outs SET after_recipient = COALESCE($3, after_recipient), queued = queued + $4, updated_at = now(),
           done_at = CASE WHEN $3::uuid IS NULL THEN now() END
         WHERE article_id = $1 AND channel = $2`,
        [job.article_id, job.channel, batch.last, batch.queued],
      );
      return { articleId: job.article_id, channel: job.channel, queued: job.queued + batch.queued, batch: batch.queued, done: batch.last === null, withdrawn };
    });
  }

  /** The article's fan-out jobs, for the delivery log. */
  async fanOutsOf(articleId: string): Promise<{ channel: Channel; queued: number; done: boolean }[]> {
    const rows = (await this.unitOfWork.manager.query(`SELECT channel, queued, done_at FROM fan_outs WHERE article_id = $1 ORDER BY channel`, [
      articleId,
    ])) as { channel: Channel; queued: number; done_at: Date | null }[];
    return rows.map((row) => ({ channel: row.channel, queued: row.queued, done: row.done_at !== null }));
  }

  /**
   * Inserts the deliveries of up to `limit` matching recipients with ids after
   * `after` (all from the start when null), in id order, with one INSERT …
   * SELECT. `last` is the last recipient id looked at when the batch was full
   * (more may follow), null when the channel is exhausted.
   */
  private async expandBatch(articleId: string, content: AlertContent, channel: Channel, after: string | null, limit: number): Promise<{ queued: number; last: string | null }> {
    const [row] = (await this.unitOfWork.requireActive('expandBatch').query(
      `WITH ${batchSql(channel, '')}
       SELECT (SELECT count(*) FROM inserted)::int AS queued, (SELECT count(*) FROM batch)::int AS selected,
              (SELECT id FROM batch ORDER BY id DESC LIMIT 1) AS last`,
      [articleId, ...articleParameters(content), after, Math.min(limit, MAX_BATCH)],
    )) as { queued: number; selected: number; last: string | null }[];
    return { queued: row.queued, last: row.selected >= limit ? row.last : null };
  }

  /** Cancels the article's deliveries still `pending`; ones already `sending` or done cannot be recalled. */
  async cancelPending(articleId: string, reason: string): Promise<number> {
    const [, affected] = (await this.unitOfWork.manager.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = $2, updated_at = now()
       WHERE article_id = $1 AND status = 'pending'`,
      [articleId, reason],
    )) as [unknown[], number];
    return affected;
  }
}

function toArticleAlert(row: ArticleAlertEntity): ArticleAlert {
  return ArticleAlert.restore({
    articleId: row.articleId,
    content: contentOf(row),
    publishedAt: row.publishedAt,
    withdrawnAt: row.withdrawnAt,
    fannedOutAt: row.fannedOutAt,
  });
}

function contentOf(row: ArticleAlertEntity): AlertContent | null {
  return row.revision !== null && row.headline !== null && row.url !== null && row.section !== null && row.priority !== null
      ? {
          revision: row.revision,
          headline: row.headline,
          standfirst: row.standfirst,
          url: row.url,
          section: row.section,
          tags: row.tags,
          priority: row.priority,
          language: row.language,
        }
      : null;
}

/** The largest LIMIT PostgreSQL takes as an int parameter: "no bound" for a batch. */
const MAX_BATCH = 2_147_483_647;

/**
 * Two CTEs, `<prefix>batch` (the next matching recipients of `channel` in id order after
 * cursor $5, at most $6) and `<prefix>inserted` (a pending delivery for each of them, none
 * twice), over $1 the article and $2–$4 its articleParameters(). `batch` is read more than
 * once, so PostgreSQL materialises it: the count, the cursor and the inserts see one list.
 */
function batchSql(channel: Channel, prefix: string): string {
  const column = channel === 'email' ? 'subscriber_id' : 'push_subscription_id';
  const recipients = channel === 'email' ? EMAIL_RECIPIENTS : PUSH_RECIPIENTS;
  return `${prefix}batch AS (
         SELECT matching.id, matching.held_until FROM (${recipients}) matching
         WHERE $5::uuid IS NULL OR matching.id > $5::uuid
         ORDER BY matching.id
         LIMIT $6
       ), ${prefix}inserted AS (
         INSERT INTO deliveries (article_id, channel, ${column}, urgency, next_attempt_at)
         SELECT $1, '${channel}', ${prefix}batch.id, CASE WHEN $4 = 'breaking' THEN 0 ELSE 1 END, COALESCE(${prefix}batch.held_until, now()) FROM ${prefix}batch
         ON CONFLICT (article_id, recipient_id, channel) WHERE kind = 'alert' DO NOTHING
         RETURNING 1
       )`;
}
