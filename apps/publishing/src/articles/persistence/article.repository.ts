import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PublishedArticle, type PublishedArticleState } from '../domain/published-article';
import { slugCandidates } from '../domain/slug';
import { ArticleEntity } from './article.entity';
import { CorrectionEntity } from './correction.entity';

export interface NewCorrection {
  articleId: string;
  note: string;
  editorId: string;
  correctedAt: Date;
  revision: number;
  changedFields: string[];
}

/** Loads and stores articles for the write side: approvals, the scheduler and editors. */
@Injectable()
export class ArticleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Reads an article and locks its row until the transaction ends. */
  async findForUpdate(manager: EntityManager, id: string): Promise<PublishedArticle | null> {
    const row = await manager.findOne(ArticleEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? new PublishedArticle(toState(row)) : null;
  }

  /**
   * Locks the article whose pending revision has been due the longest, skipping rows another
   * replica (or the consumer) holds: several schedulers can run side by side and none waits.
   */
  async lockNextDue(manager: EntityManager, now: Date, skip: ReadonlySet<string>): Promise<PublishedArticle | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM articles
        WHERE due_at <= $1 AND NOT (id = ANY($2::uuid[]))
        ORDER BY due_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [now, [...skip]],
    );
    if (rows.length === 0) return null;
    const row = await manager.findOneByOrFail(ArticleEntity, { id: rows[0].id });
    return new PublishedArticle(toState(row));
  }

  async insert(manager: EntityManager, article: PublishedArticle): Promise<void> {
    await manager.insert(ArticleEntity, toRow(article.state) as never);
  }

  async update(manager: EntityManager, article: PublishedArticle): Promise<void> {
    const { id, ...fields } = toRow(article.state);
    await manager.update(ArticleEntity, { id }, fields as never);
  }

  /**
   * The first slug for this headline that no other article uses. Two articles with the same
   * headline published at the same instant may both pick the plain slug; the unique index
   * then fails one transaction, and its retry finds the slug taken and takes the next one.
   */
  async allocateSlug(manager: EntityManager, articleId: string, headline: string): Promise<string> {
    const candidates = slugCandidates(headline, articleId);
    const taken: { slug: string }[] = await manager.query(`SELECT slug FROM articles WHERE slug = ANY($1::text[]) AND id <> $2`, [
      candidates,
      articleId,
    ]);
    const used = new Set(taken.map((row) => row.slug));
    const free = candidates.find((slug) => !used.has(slug));
    if (!free) throw new Error(`no free slug for article ${articleId}`);
    return free;
  }

  async addCorrection(manager: EntityManager, correction: NewCorrection): Promise<void> {
    await manager.insert(CorrectionEntity, correction);
  }
}

function toState(row: ArticleEntity): PublishedArticleState {
  return {
    id: row.id,
    status: row.status,
    slug: row.slug,
    live: row.content && row.revision !== null && row.priority ? { revision: row.revision, content: row.content, priority: row.priority } : null,
    pending:
      row.pendingContent && row.pendingRevision !== null && row.pendingPriority && row.dueAt
        ? { revision: row.pendingRevision, content: row.pendingContent, priority: row.pendingPriority, dueAt: row.dueAt }
        : null,
    version: row.version,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    correctedAt: row.correctedAt,
    approvedAt: row.approvedAt,
    withdrawal:
      row.withdrawnAt && row.withdrawalReason !== null && row.withdrawnBy !== null
        ? { at: row.withdrawnAt, reason: row.withdrawalReason, editorId: row.withdrawnBy }
        : null,
  };
}

function toRow(state: PublishedArticleState): Omit<ArticleEntity, 'createdAt'> {
  const { live, pending, withdrawal } = state;
  return {
    id: state.id,
    slug: state.slug,
    status: state.status,
    revision: live?.revision ?? null,
    content: live?.content ?? null,
    priority: live?.priority ?? null,
    section: live?.content.section ?? null,
    tags: live?.content.tags ?? [],
    pendingRevision: pending?.revision ?? null,
    pendingContent: pending?.content ?? null,
    pendingPriority: pending?.priority ?? null,
    dueAt: pending?.dueAt ?? null,
    version: state.version,
    publishedAt: state.publishedAt,
    updatedAt: state.updatedAt,
    correctedAt: state.correctedAt,
    approvedAt: state.approvedAt,
    withdrawnAt: withdrawal?.at ?? null,
    withdrawalReason: withdrawal?.reason ?? null,
    withdrawnBy: withdrawal?.editorId ?? null,
  };
}
