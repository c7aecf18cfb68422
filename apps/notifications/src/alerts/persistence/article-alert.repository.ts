import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { ArticleAlert, type AlertContent } from '../domain/article-alert';
import { ArticleAlertEntity } from './article-alert.entity';
import { articleParameters, EMAIL_RECIPIENTS, PUSH_RECIPIENTS } from './recipient-selection';

export interface FanOutCounts {
  email: number;
  push: number;
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
        publishedAt: state.publishedAt,
        withdrawnAt: state.withdrawnAt,
        fannedOutAt: state.fannedOutAt,
        updatedAt: new Date(),
      },
      ['articleId'],
    );
  }

  /**
   * One pending delivery per matching recipient per channel (recipient-selection.ts).
   * ON CONFLICT DO NOTHING against UNIQUE (article_id, recipient_id, channel)
   * means running this again, for any reason, never creates a second alert for
   * anyone. Returns how many deliveries were created.
   */
  async fanOut(articleId: string, content: AlertContent): Promise<FanOutCounts> {
    const manager = this.unitOfWork.requireActive('fanOut');
    const params = [articleId, ...articleParameters(content)];
    const insert = async (channel: 'email' | 'push', column: string, recipients: string): Promise<number> => {
      const [row] = (await manager.query(
        `WITH inserted AS (
           INSERT INTO deliveries (article_id, channel, ${column}, urgency)
           SELECT $1, '${channel}', matching.id, CASE WHEN $4 = 'breaking' THEN 0 ELSE 1 END FROM (${recipients}) matching
           ON CONFLICT (article_id, recipient_id, channel) DO NOTHING
           RETURNING 1
         ) SELECT count(*)::int AS n FROM inserted`,
        params,
      )) as { n: number }[];
      return row.n;
    };
    return { email: await insert('email', 'subscriber_id', EMAIL_RECIPIENTS), push: await insert('push', 'push_subscription_id', PUSH_RECIPIENTS) };
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
  return ArticleAlert.restore({
    articleId: row.articleId,
    content,
    publishedAt: row.publishedAt,
    withdrawnAt: row.withdrawnAt,
    fannedOutAt: row.fannedOutAt,
  });
}
