import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { schemaOf } from '@newsroom/persistence';
import { ArticleAlert, type AlertContent } from '../domain/article-alert';
import { ArticleAlertEntity } from './article-alert.entity';

/** Channel the delivery worker LISTENs on; NOTIFY inside a transaction is delivered on commit. */
export function deliveriesChannel(schema: string): string {
  return `newsroom_deliveries_${schema}`;
}

/**
 * The subscriber-matching rule of matchesArticle(), in SQL over the recipient
 * table aliased `r`: $2 section, $3 tags, $4 priority.
 */
const MATCHES_ARTICLE = `
  (NOT r.breaking_only OR $4 = 'breaking')
  AND (
    r.sections @> ARRAY[$2::text]
    OR r.tags && $3::text[]
    OR (r.breaking_only AND cardinality(r.sections) = 0 AND cardinality(r.tags) = 0)
  )`;

export interface FanOutCounts {
  email: number;
  push: number;
}

/** Articles as the alerts know them, and the fan-out of one article to its recipients. */
@Injectable()
export class ArticleAlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForUpdate(manager: EntityManager, articleId: string): Promise<ArticleAlert | null> {
    const row = await manager.findOne(ArticleAlertEntity, { where: { articleId }, lock: { mode: 'pessimistic_write' } });
    return row ? toArticleAlert(row) : null;
  }

  findById(articleId: string): Promise<ArticleAlertEntity | null> {
    return this.dataSource.getRepository(ArticleAlertEntity).findOneBy({ articleId });
  }

  async save(manager: EntityManager, alert: ArticleAlert): Promise<void> {
    const { state } = alert;
    const content = state.content;
    await manager.upsert(
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
        publishedAt: state.publishedAt,
        withdrawnAt: state.withdrawnAt,
        fannedOutAt: state.fannedOutAt,
        updatedAt: new Date(),
      },
      ['articleId'],
    );
  }

  /**
   * One pending delivery per matching recipient per channel: confirmed email
   * subscribers and active push subscriptions. ON CONFLICT DO NOTHING against
   * UNIQUE (article_id, recipient_id, channel) means running this again, for
   * any reason, never creates a second alert for anyone.
   */
  async fanOut(manager: EntityManager, articleId: string, content: AlertContent): Promise<FanOutCounts> {
    const params = [articleId, content.section.toLowerCase(), content.tags.map((tag) => tag.toLowerCase()), content.priority];
    const [email] = (await manager.query(
      `WITH inserted AS (
         INSERT INTO deliveries (article_id, channel, subscriber_id)
         SELECT $1, 'email', r.id FROM subscribers r
         WHERE r.status = 'confirmed' AND ${MATCHES_ARTICLE}
         ON CONFLICT (article_id, recipient_id, channel) DO NOTHING
         RETURNING 1
       ) SELECT count(*)::int AS n FROM inserted`,
      params,
    )) as { n: number }[];
    const [push] = (await manager.query(
      `WITH inserted AS (
         INSERT INTO deliveries (article_id, channel, push_subscription_id)
         SELECT $1, 'push', r.id FROM push_subscriptions r
         WHERE r.active AND (r.expiration_time IS NULL OR r.expiration_time > now()) AND ${MATCHES_ARTICLE}
         ON CONFLICT (article_id, recipient_id, channel) DO NOTHING
         RETURNING 1
       ) SELECT count(*)::int AS n FROM inserted`,
      params,
    )) as { n: number }[];
    return { email: email.n, push: push.n };
  }

  async cancelPending(manager: EntityManager, articleId: string, reason: string): Promise<number> {
    const [, affected] = (await manager.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = $2, updated_at = now()
       WHERE article_id = $1 AND status = 'pending'`,
      [articleId, reason],
    )) as [unknown[], number];
    return affected;
  }

  /** Wakes the delivery worker when (and only if) the caller's transaction commits. */
  async wakeWorkerOnCommit(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_notify($1, '')`, [deliveriesChannel(schemaOf(manager.connection))]);
  }
}

function toArticleAlert(row: ArticleAlertEntity): ArticleAlert {
  const content =
    row.revision !== null && row.headline !== null && row.url !== null && row.section !== null && row.priority !== null
      ? {
          revision: row.revision,
          headline: row.headline,
          standfirst: row.standfirst,
          url: row.url,
          section: row.section,
          tags: row.tags,
          priority: row.priority,
        }
      : null;
  return new ArticleAlert({
    articleId: row.articleId,
    content,
    publishedAt: row.publishedAt,
    withdrawnAt: row.withdrawnAt,
    fannedOutAt: row.fannedOutAt,
  });
}
