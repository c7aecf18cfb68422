import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { schemaOf, UnitOfWork } from '@newsroom/persistence';
import { articleNotFound } from '../domain/article.errors';
import { PublishedArticle, type CorrectionRecord, type PublishedArticleSnapshot } from '../domain/published-article';
import { searchColumns, textSearchConfigFor } from '../domain/search-document';
import { authorSlug, slugCandidates } from '../domain/slug';
import { ArticleEntity } from './article.entity';
import { CorrectionEntity } from './correction.entity';

/**
 * The channel the publication scheduler LISTENs on. A use case that puts a revision on the
 * schedule notifies it inside its transaction; PostgreSQL delivers that only on commit, so
 * the scheduler never looks before the row is visible.
 */
export function publicationScheduleChannel(schema: string): string {
  return `newsroom_schedule_${schema}`;
}

/** What `ArticleRepository.update` did: the article as stored, and what the change returned. */
export interface ArticleUpdate<T> {
  article: PublishedArticle;
  result: T;
}

/**
 * An article a unit of work holds: `stored` when it was read with `findForUpdate` (its row is
 * locked until the unit of work ends), not `stored` when a first approval made it and it has
 * no row yet. Changes made to it since are written by `store`.
 */
export interface HeldArticle {
  article: PublishedArticle;
  stored: boolean;
  /** Which of its headline's slug candidates other articles held when it was locked (`findForUpdateWithSlugs`). */
  slugs?: SlugsInUse;
}

/** Slug candidates of one headline (`slugCandidates`, in order) and those other articles hold. */
export interface SlugsInUse {
  candidates: readonly string[];
  taken: ReadonlySet<string>;
}

/** An article to lock with others (`lockTogether`), with its headline's slug candidates (`slugCandidates`, in order). */
export interface ArticleToLock {
  id: string;
  slugs: readonly string[];
}

/**
 * The articles a unit of work locked together and what it wrote of them since, until it
 * commits (see `lockTogether`): the unit's own view of those rows, ahead of the database's.
 */
interface HeldTogether {
  /** Each locked article as its row was read (null: no row yet) until the unit asks for it. */
  rows: Map<string, ArticleRow | null>;
  /** The slug candidates read with each locked article. */
  candidates: Map<string, readonly string[]>;
  /** Articles handed out or stored in this unit: a second look gets the same object, as changed. */
  held: Map<string, PublishedArticle>;
  /** Who holds each slug read (among the candidates) or given in this unit. */
  slugOwners: Map<string, string>;
  /** Articles stored in this unit and not yet written: written before the commit, in two statements at most. */
  unwritten: Set<string>;
}

/** True when two lists of slug candidates are the same, in the same order (those read are those a lookup needs). */
function sameCandidates(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((slug, i) => slug === b[i]);
}

function firstFree(articleId: string, candidates: readonly string[], taken: ReadonlySet<string>): string {
  const free = candidates.find((slug) => !taken.has(slug));
  if (!free) throw new Error(`no free slug for article ${articleId}`);
  return free;
}

/**
 * Loads and stores articles for the write side: approvals, the scheduler and editors. Every
 * method runs in the caller's unit of work; the locking ones require one.
 */
@Injectable()
export class ArticleRepository {
  /** Per unit of work (its manager), the articles it locked together; see `lockTogether`. */
  private readonly together = new WeakMap<EntityManager, HeldTogether>();

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /**
   * Locks, in one statement and in id order, the rows of articles a unit of work is about to
   * change one after another (the approvals of a chunk of events sharing a transaction), and
   * reads in one more which of their slug candidates other articles hold. Until the unit
   * commits, `findForUpdateWithSlugs` answers for these articles from what was read and what
   * the unit has changed since (the same object for a second look, slugs given in the unit
   * counted as taken), and `store` defers their writes to one INSERT of the new and one UPDATE
   * of the known, made just before the commit. Every other method writes what was deferred
   * first and then works on the database as usual, so nothing ever reads a row this unit has
   * changed without its change.
   */
  async lockTogether(articles: readonly ArticleToLock[]): Promise<void> {
    const manager = this.unitOfWork.requireActive('ArticleRepository.lockTogether');
    await this.settle(manager);
    const sql = statementsFor(manager);
    const ids = [...new Set(articles.map((article) => article.id))];
    const rows: ArticleRow[] = await manager.query(sql.selectManyForUpdate, [ids]);
    const owners: { id: string; slug: string }[] = await manager.query(`SELECT slug, id FROM articles WHERE slug = ANY($1::text[])`, [
      [...new Set(articles.flatMap((article) => article.slugs))],
    ]);
    const state: HeldTogether = {
      rows: new Map(ids.map((id) => [id, null])),
      candidates: new Map(articles.map((article) => [article.id, [...article.slugs]])),
      held: new Map(),
      slugOwners: new Map(owners.map((owner) => [owner.slug, owner.id])),
      unwritten: new Set(),
    };
    for (const row of rows) state.rows.set(row.id as string, row);
    this.together.set(manager, state);
    this.unitOfWork.beforeCommit(() => this.settle(manager));
  }

  /** Writes what this unit deferred (`lockTogether`) and stops answering from its own view. */
  private async settle(manager: EntityManager): Promise<void> {
    const state = this.together.get(manager);
    if (!state) return;
    this.together.delete(manager);
    const sql = statementsFor(manager);
    const added: Record<string, unknown>[] = [];
    const saved: Record<string, unknown>[] = [];
    for (const id of state.unwritten) {
      const fields = toRow(state.held.get(id)!.view());
      const record = Object.fromEntries(sql.columns.map(({ field, column }) => [column, fields[field]]));
      (state.rows.get(id) ? saved : added).push(record);
    }
    if (added.length > 0) await manager.query(sql.insertMany, [JSON.stringify(added)]);
    if (saved.length > 0) await manager.query(sql.updateMany, [JSON.stringify(saved)]);
  }

  /** The unit's manager (the data source's outside one), with what the unit deferred (`lockTogether`) written. */
  private async settled(): Promise<EntityManager> {
    const manager = this.unitOfWork.manager;
    await this.settle(manager);
    return manager;
  }

  /** The unit's own answer for an article it locked together with the same candidates; undefined when it has none. */
  private heldTogether(manager: EntityManager, id: string, slugs: readonly string[]): { article: PublishedArticle | null; slugs: SlugsInUse } | undefined {
    const state = this.together.get(manager);
    const read = state?.candidates.get(id);
    if (!state || !read || !sameCandidates(read, slugs)) return undefined;
    let article = state.held.get(id) ?? null;
    const row = state.rows.get(id);
    if (!article && row) {
      article = PublishedArticle.restore(toSnapshot(fromRow(statementsFor(manager), row)));
      state.held.set(id, article);
    }
    const taken = new Set(slugs.filter((slug) => state.slugOwners.has(slug) && state.slugOwners.get(slug) !== id));
    return { article, slugs: { candidates: [...slugs], taken } };
  }

  /**
   * Reads an article and locks its row until the unit of work ends; null when unknown. Plain
   * SQL, as `add` and `save`: every approval runs these, and TypeORM's query building and
   * entity mapping cost more CPU than PostgreSQL spends on the statement.
   */
  async findForUpdate(id: string): Promise<PublishedArticle | null> {
    const manager = this.unitOfWork.requireActive('ArticleRepository.findForUpdate');
    await this.settle(manager);
    const sql = statementsFor(manager);
    const rows: ArticleRow[] = await manager.query(sql.selectForUpdate, [id]);
    return rows[0] ? PublishedArticle.restore(toSnapshot(fromRow(sql, rows[0]))) : null;
  }

  /**
   * `findForUpdate`, and in the same statement which of `slugs` (an approved headline's
   * candidates, `slugCandidates`) other articles hold: an approval that may publish a new
   * article at once needs both, and one round trip fewer per approval is worth an index lookup
   * an update of a live article does not use. The article is null when unknown.
   */
  async findForUpdateWithSlugs(id: string, slugs: readonly string[]): Promise<{ article: PublishedArticle | null; slugs: SlugsInUse }> {
    const manager = this.unitOfWork.requireActive('ArticleRepository.findForUpdateWithSlugs');
    const together = this.heldTogether(manager, id, slugs);
    if (together) return together;
    await this.settle(manager);
    const sql = statementsFor(manager);
    const [row]: (ArticleRow & { taken_slugs: string[] })[] = await manager.query(sql.selectForUpdateWithSlugs, [id, [...slugs]]);
    const article = row.id === null ? null : PublishedArticle.restore(toSnapshot(fromRow(sql, row)));
    return { article, slugs: { candidates: [...slugs], taken: new Set(row.taken_slugs) } };
  }

  /** Like findForUpdate, for an article that must exist: ARTICLE.NOT_FOUND when it does not. */
  async getForUpdate(id: string): Promise<PublishedArticle> {
    const article = await this.findForUpdate(id);
    if (!article) throw articleNotFound(id);
    return article;
  }

  /**
   * An action on an article that must exist: locks it until the unit of work ends, applies
   * `change` and stores the article, in one unit of work (the caller's, or its own). Returns
   * the changed article and what `change` returned; nothing is stored when `change` throws.
   *
   * @throws ARTICLE.NOT_FOUND for an unknown article; whatever `change` throws (the domain's refusals).
   */
  update<T>(id: string, change: (article: PublishedArticle) => T | Promise<T>): Promise<ArticleUpdate<T>> {
    return this.unitOfWork.run(async () => {
      const article = await this.getForUpdate(id);
      const result = await change(article);
      await this.save(article);
      return { article, result };
    });
  }

  /**
   * Claims the article whose waiting revision has been due the longest (`due_at <= now`),
   * locking its row until the unit of work ends. Rows another transaction holds are skipped
   * rather than waited for, so several schedulers (and the consumer) work side by side.
   *
   * @param skip article ids to pass over (those that failed earlier in the same round).
   * @returns the article id, or null when nothing else is due.
   */
  async claimNextDue(now: Date, skip: ReadonlySet<string>): Promise<string | null> {
    const manager = this.unitOfWork.requireActive('ArticleRepository.claimNextDue');
    await this.settle(manager);
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM articles
        WHERE due_at <= $1 AND NOT (id = ANY($2::uuid[]))
        ORDER BY due_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [now, [...skip]],
    );
    return rows[0]?.id ?? null;
  }

  /** The earliest time a waiting revision falls due after `now`; null when nothing waits. */
  async nextDueAfter(now: Date): Promise<Date | null> {
    const manager = await this.settled();
    const rows: { due_at: Date | null }[] = await manager.query(`SELECT min(due_at) AS due_at FROM articles WHERE due_at > $1`, [now]);
    return rows[0]?.due_at ?? null;
  }

  /** Tells the scheduler, on commit, that the schedule changed. */
  async signalScheduleChange(): Promise<void> {
    const manager = this.unitOfWork.requireActive('ArticleRepository.signalScheduleChange');
    await manager.query(`SELECT pg_notify($1, '')`, [publicationScheduleChannel(schemaOf(manager.connection))]);
  }

  /**
   * Writes a held article as it is now, with one statement: an INSERT when it has no row yet,
   * an UPDATE otherwise; for an article the unit locked together with others
   * (`lockTogether`), at the unit's commit, with theirs.
   */
  async store({ article, stored }: HeldArticle): Promise<void> {
    const state = this.together.get(this.unitOfWork.manager);
    if (state?.rows.has(article.id)) {
      state.held.set(article.id, article);
      if (article.slug !== null) state.slugOwners.set(article.slug, article.id);
      state.unwritten.add(article.id);
      return;
    }
    if (stored) await this.save(article);
    else await this.add(article);
  }

  /** Inserts a new article's row (one parameterised INSERT of every column but `created_at`). */
  async add(article: PublishedArticle): Promise<void> {
    const manager = await this.settled();
    const sql = statementsFor(manager);
    await manager.query(sql.insert, parametersOf(sql, toRow(article.view())));
  }

  /** Writes every column of a stored article's row (one parameterised UPDATE by id). */
  async save(article: PublishedArticle): Promise<void> {
    const manager = await this.settled();
    const sql = statementsFor(manager);
    await manager.query(sql.update, parametersOf(sql, toRow(article.view())));
  }

  /**
   * The first slug for this headline that no other article uses. Two articles with the same
   * headline published at the same instant may both pick the plain slug; the unique index
   * then fails one transaction, and its retry finds the slug taken and takes the next one.
   */
  async allocateSlug(articleId: string, headline: string, known?: SlugsInUse): Promise<string> {
    const candidates = slugCandidates(headline, articleId);
    // Read with the article's lock in this unit of work, for the same headline: no second look.
    if (known && sameCandidates(known.candidates, candidates)) return firstFree(articleId, candidates, known.taken);
    const manager = await this.settled();
    const taken: { slug: string }[] = await manager.query(`SELECT slug FROM articles WHERE slug = ANY($1::text[]) AND id <> $2`, [
      candidates,
      articleId,
    ]);
    return firstFree(articleId, candidates, new Set(taken.map((row) => row.slug)));
  }

  /** An article as it stands, read without a lock (for a view: nothing is changed through it); null when unknown. */
  async find(id: string): Promise<PublishedArticle | null> {
    const manager = await this.settled();
    const sql = statementsFor(manager);
    const rows: ArticleRow[] = await manager.query(sql.select, [id]);
    return rows[0] ? PublishedArticle.restore(toSnapshot(fromRow(sql, rows[0]))) : null;
  }

  /**
   * The corrections of an article that changed its text (not a note alone), oldest first: those
   * made since `since` or, without it, those made to `revision`.
   */
  async textCorrections(articleId: string, from: { since: Date } | { revision: number }): Promise<CorrectionRecord[]> {
    const query = (await this.settled()).createQueryBuilder(CorrectionEntity, 'c').where('c.articleId = :articleId', { articleId });
    if ('since' in from) query.andWhere('c.correctedAt >= :since', { since: from.since });
    else query.andWhere('c.revision = :revision', { revision: from.revision });
    const rows = await query
      .andWhere(`c.changedFields <> '{}'`)
      .orderBy('c.correctedAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map(({ note, editorId, correctedAt, revision: correctedRevision, changedFields }) => ({ note, editorId, correctedAt, revision: correctedRevision, changedFields }));
  }

  /** Removes an article's corrections from the public log: a killed article leaves no note behind. */
  async deleteCorrections(articleId: string): Promise<void> {
    await (await this.settled()).delete(CorrectionEntity, { articleId });
  }

  /**
   * Articles with a revision waiting for its time, soonest first, for editors. The waiting
   * text itself is loaded: editors see what will go live.
   */
  async scheduled(limit: number, offset = 0): Promise<{ articles: PublishedArticle[]; total: number }> {
    // With the live text as approved (left out of a plain find), which says what going live will carry into the waiting revision.
    const rows = await (await this.settled())
      .createQueryBuilder(ArticleEntity, 'a')
      .addSelect('a.liveAsApproved')
      .where('a.dueAt IS NOT NULL')
      .orderBy('a.dueAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { articles: rows[0].map((row) => PublishedArticle.restore(toSnapshot(row))), total: rows[1] };
  }

  /** Stories taken off the site (withdrawn), the latest taken down first: `limit` of them from `offset` on, and how many there are. */
  async withdrawn(limit: number, offset = 0): Promise<{ articles: PublishedArticle[]; total: number }> {
    const [rows, total] = await (await this.settled()).findAndCount(ArticleEntity, { where: { status: 'withdrawn' }, order: { withdrawnAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    return { articles: rows.map((row) => PublishedArticle.restore(toSnapshot(row))), total };
  }

  /** Appends a correction to the public log. */
  async addCorrection(articleId: string, correction: CorrectionRecord): Promise<void> {
    await (await this.settled()).insert(CorrectionEntity, { articleId, ...correction });
  }
}

type StoredFields = Omit<ArticleEntity, 'createdAt'>;

/** A row as the driver returns it, by column name: jsonb parsed, timestamptz as Date, text[] as arrays. */
type ArticleRow = Record<string, unknown>;

/**
 * The write side's plain statements, built once from ArticleEntity's columns as TypeORM maps
 * them (field, column name, type), so a column added to the entity is read and written without
 * a second list to keep in step. `id` comes first, the key of the UPDATE; `created_at` is the
 * database's own.
 */
interface ArticleStatements {
  columns: readonly { field: keyof StoredFields; column: string; json: boolean }[];
  /** Every column, the text as approved included (which the entity leaves out of a plain find). */
  select: string;
  selectForUpdate: string;
  /** One row always (the join from a single row): the article's columns are null when it is unknown. */
  selectForUpdateWithSlugs: string;
  insert: string;
  update: string;
  /** Locks and reads the rows of the ids in $1 (uuid[]), in id order. */
  selectManyForUpdate: string;
  /** Inserts the rows in $1, a JSON array of objects keyed by column name. */
  insertMany: string;
  /** Updates by id the rows in $1, a JSON array of objects keyed by column name. */
  updateMany: string;
}

let statements: ArticleStatements | undefined;

function statementsFor(manager: EntityManager): ArticleStatements {
  if (statements) return statements;
  const columns = manager.connection
    .getMetadata(ArticleEntity)
    .columns.filter((column) => column.propertyName !== 'createdAt')
    .map((column) => ({
      field: column.propertyName as keyof StoredFields,
      column: column.databaseName,
      // jsonb is sent as JSON text, so an array-valued field could never be taken for a PostgreSQL array.
      json: column.type === 'jsonb',
    }))
    .sort((a, b) => Number(b.field === 'id') - Number(a.field === 'id'));
  const names = columns.map(({ column }) => column).join(', ');
  const select = `SELECT ${names} FROM articles WHERE id = $1`;
  const selectForUpdate = `${select} FOR UPDATE`;
  statements = {
    columns,
    select,
    selectForUpdate,
    selectForUpdateWithSlugs: `WITH locked AS (${selectForUpdate})
      SELECT locked.*, ARRAY(SELECT slug FROM articles WHERE slug = ANY($2::text[]) AND id <> $1) AS taken_slugs
        FROM (SELECT 1) AS one LEFT JOIN locked ON true`,
    insert: `INSERT INTO articles (${names}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    update: `UPDATE articles SET ${columns
      .slice(1)
      .map(({ column }, i) => `${column} = $${i + 2}`)
      .join(', ')} WHERE id = $1`,
    selectManyForUpdate: `SELECT ${names} FROM articles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    // json_populate_recordset reads each object by the table's own column types: jsonb, text[], timestamptz.
    insertMany: `INSERT INTO articles (${names}) SELECT ${names} FROM json_populate_recordset(NULL::articles, $1::json)`,
    updateMany: `UPDATE articles SET ${columns
      .slice(1)
      .map(({ column }) => `${column} = r.${column}`)
      .join(', ')} FROM json_populate_recordset(NULL::articles, $1::json) AS r WHERE articles.id = r.id`,
  };
  return statements;
}

/** The row's values in the statements' column order. */
function parametersOf({ columns }: ArticleStatements, fields: StoredFields): unknown[] {
  return columns.map(({ field, json }) => (json && fields[field] !== null ? JSON.stringify(fields[field]) : fields[field]));
}

function fromRow({ columns }: ArticleStatements, row: ArticleRow): StoredFields {
  const fields: Record<string, unknown> = {};
  for (const { field, column } of columns) fields[field] = row[column];
  return fields as unknown as StoredFields;
}

function toSnapshot(row: StoredFields): PublishedArticleSnapshot {
  return {
    id: row.id,
    status: row.status,
    slug: row.slug,
    live: row.content && row.revision !== null && row.priority ? { revision: row.revision, content: row.content, priority: row.priority } : null,
    liveAsApproved: row.liveAsApproved,
    liveCorrectedSince: row.liveCorrectedSince ?? null,
    pending:
      row.pendingContent && row.pendingRevision !== null && row.pendingPriority && row.dueAt
        ? {
            revision: row.pendingRevision,
            content: row.pendingContent,
            priority: row.pendingPriority,
            dueAt: row.dueAt,
            publishAt: row.pendingPublishAt,
            embargoUntil: row.pendingEmbargoUntil,
          }
        : null,
    version: row.version,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    revisedAt: row.revisedAt,
    correctedAt: row.correctedAt,
    approvedAt: row.approvedAt,
    withdrawal:
      row.withdrawnAt && row.withdrawalReason !== null && row.withdrawnBy !== null
        ? { at: row.withdrawnAt, reason: row.withdrawalReason, editorId: row.withdrawnBy }
        : null,
    kill: row.killedAt && row.killReason !== null && row.killedBy !== null ? { at: row.killedAt, reason: row.killReason, editorId: row.killedBy } : null,
    cancellation:
      row.cancelledAt && row.cancelledBy !== null && row.cancelledRevision !== null
        ? { at: row.cancelledAt, editorId: row.cancelledBy, revision: row.cancelledRevision }
        : null,
  };
}

function toRow(state: PublishedArticleSnapshot): StoredFields {
  const { live, pending, withdrawal, kill, cancellation } = state;
  const search = live ? searchColumns(live.content) : null;
  return {
    id: state.id,
    slug: state.slug,
    status: state.status,
    revision: live?.revision ?? null,
    content: live?.content ?? null,
    priority: live?.priority ?? null,
    liveAsApproved: state.liveAsApproved,
    liveCorrectedSince: state.liveCorrectedSince,
    section: live?.content.section ?? null,
    tags: live?.content.tags ?? [],
    language: live?.content.language ?? null,
    authorSlugs: live?.content.bylines.map((byline) => authorSlug(byline.name)) ?? [],
    searchConfig: live ? textSearchConfigFor(live.content.language) : null,
    searchHeadline: search?.headline ?? null,
    searchText: search?.text ?? null,
    searchBylines: search?.bylines ?? null,
    searchFolded: search?.folded ?? null,
    pendingRevision: pending?.revision ?? null,
    pendingContent: pending?.content ?? null,
    pendingPriority: pending?.priority ?? null,
    dueAt: pending?.dueAt ?? null,
    pendingPublishAt: pending?.publishAt ?? null,
    pendingEmbargoUntil: pending?.embargoUntil ?? null,
    version: state.version,
    publishedAt: state.publishedAt,
    updatedAt: state.updatedAt,
    revisedAt: state.revisedAt,
    correctedAt: state.correctedAt,
    approvedAt: state.approvedAt,
    withdrawnAt: withdrawal?.at ?? null,
    withdrawalReason: withdrawal?.reason ?? null,
    withdrawnBy: withdrawal?.editorId ?? null,
    killedAt: kill?.at ?? null,
    killedBy: kill?.editorId ?? null,
    killReason: kill?.reason ?? null,
    cancelledAt: cancellation?.at ?? null,
    cancelledBy: cancellation?.editorId ?? null,
    cancelledRevision: cancellation?.revision ?? null,
  };
}
