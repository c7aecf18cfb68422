import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ArticleEntity } from '../../persistence/article.entity';
import { CorrectionEntity } from '../../persistence/correction.entity';
import { toPublicArticle, type CorrectionLogEntry, type PublicArticle } from './public-article';

export interface ArticleFilter {
  section?: string;
  tag?: string;
  /** An author slug (see authorSlug): articles with a byline of that name. */
  author?: string;
  limit: number;
  offset: number;
}

export interface SectionSummary {
  section: string;
  articles: number;
}

/**
 * The last visible change to any article (publication, update, correction, withdrawal, kill)
 * and how many are live: every public page and feed depends on nothing else, so caches can
 * revalidate against it without the page being read or rendered.
 */
export interface SiteRevision {
  changedAt: Date | null;
  live: number;
}

/** What a sitemap needs of a live article: its address and its last change. */
export interface ArticleRef {
  slug: string;
  updatedAt: Date;
}

/** A slice of the live articles in publication order, as one sitemap file lists them. */
export interface ArticleRefChunk {
  /** 1-based. */
  chunk: number;
  lastModified: Date;
}

/** A section, tag or author slug with live articles, and the last change among them. */
export interface ListingRef {
  slug: string;
  lastModified: Date;
}

/** What the public sees: live articles (and withdrawn ones, which answer with a notice). */
@Injectable()
export class ReadArticlesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A live or withdrawn article by id; null when unknown or not public yet. */
  async byId(id: string): Promise<PublicArticle | null> {
    return this.withCorrections(await this.articles().findOneBy({ id }));
  }

  async bySlug(slug: string): Promise<PublicArticle | null> {
    return this.withCorrections(await this.articles().findOneBy({ slug }));
  }

  /**
   * Whether the article at this address or with this id was killed: its answer is 410 and
   * nothing else, not even that it ever had a headline.
   */
  async isKilled(where: { slug: string } | { id: string }): Promise<boolean> {
    return (await this.articles().countBy({ ...where, status: 'killed' })) > 0;
  }

  /** Live articles, newest first by first publication. */
  async list(filter: ArticleFilter): Promise<{ items: PublicArticle[]; total: number }> {
    const query = this.articles().createQueryBuilder('a').where(`a.status = 'published'`);
    if (filter.section) query.andWhere('a.section = :section', { section: filter.section });
    if (filter.tag) query.andWhere(':tag = ANY(a.tags)', { tag: filter.tag });
    if (filter.author) query.andWhere(':author = ANY(a.authorSlugs)', { author: filter.author });
    const [rows, total] = await query
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items: publicOnly(rows), total };
  }

  /** See SiteRevision: one indexed max() and one count over the live index. */
  async siteRevision(): Promise<SiteRevision> {
    const [row]: { changed_at: Date | null; live: number }[] = await this.dataSource.query(
      `SELECT (SELECT max(updated_at) FROM articles) AS changed_at, (SELECT count(*)::int FROM articles WHERE status = 'published') AS live`,
    );
    return { changedAt: row.changed_at, live: row.live };
  }

  /** Sections that have live articles, busiest first: the site navigation. */
  async sections(): Promise<SectionSummary[]> {
    const rows: { section: string; articles: number }[] = await this.dataSource.query(
      `SELECT section, count(*)::int AS articles FROM articles WHERE status = 'published' GROUP BY section ORDER BY articles DESC, section`,
    );
    return rows;
  }

  /**
   * The live articles in publication order (oldest first, so a new article joins the last
   * chunk and the others keep their place), cut into chunks of `size`: the sitemap files.
   */
  async refChunks(size: number): Promise<ArticleRefChunk[]> {
    const rows: { chunk: number; last_modified: Date }[] = await this.dataSource.query(
      `SELECT chunk + 1 AS chunk, max(updated_at) AS last_modified
         FROM (SELECT (row_number() OVER (ORDER BY published_at, id) - 1) / $1 AS chunk, updated_at FROM articles WHERE status = 'published') live
        GROUP BY chunk ORDER BY chunk`,
      [size],
    );
    return rows.map((row) => ({ chunk: Number(row.chunk), lastModified: row.last_modified }));
  }

  /**
   * The addresses in chunk `chunk` (1-based) of `size`, read from the database `batch` rows at
   * a time, so a sitemap of 50,000 addresses streams out without being held in memory.
   */
  async *refs(chunk: number, size: number, batch = 1000): AsyncGenerator<ArticleRef> {
    const first = (chunk - 1) * size;
    for (let offset = 0; offset < size; offset += batch) {
      const rows: { slug: string; updated_at: Date }[] = await this.dataSource.query(
        `SELECT slug, updated_at FROM articles WHERE status = 'published' ORDER BY published_at, id OFFSET $1 LIMIT $2`,
        [first + offset, Math.min(batch, size - offset)],
      );
      for (const row of rows) yield { slug: row.slug, updatedAt: row.updated_at };
      if (rows.length < batch) return;
    }
  }

  /** Tags with live articles, most recently changed first. */
  async tags(): Promise<ListingRef[]> {
    return this.listingRefs(`SELECT tag AS slug, max(updated_at) AS last_modified FROM articles, unnest(tags) AS tag WHERE status = 'published' GROUP BY tag`);
  }

  /** Author slugs with live articles, most recently changed first. */
  async authors(): Promise<ListingRef[]> {
    return this.listingRefs(
      `SELECT author AS slug, max(updated_at) AS last_modified FROM articles, unnest(author_slugs) AS author WHERE status = 'published' GROUP BY author`,
    );
  }

  /** Sections with live articles and their last change. */
  async sectionRefs(): Promise<ListingRef[]> {
    return this.listingRefs(`SELECT section AS slug, max(updated_at) AS last_modified FROM articles WHERE status = 'published' GROUP BY section`);
  }

  private async listingRefs(sql: string): Promise<ListingRef[]> {
    const rows: { slug: string; last_modified: Date }[] = await this.dataSource.query(`${sql} ORDER BY last_modified DESC, slug`);
    return rows.map((row) => ({ slug: row.slug, lastModified: row.last_modified }));
  }

  /** Live articles first published since `since`, for the news sitemap. */
  async publishedSince(since: Date): Promise<PublicArticle[]> {
    const rows = await this.articles()
      .createQueryBuilder('a')
      .where(`a.status = 'published'`)
      .andWhere('a.published_at >= :since', { since })
      .orderBy('a.publishedAt', 'DESC')
      .limit(1000)
      .getMany();
    return publicOnly(rows);
  }

  /** One page of the corrections log, newest first, and how many corrections it holds in all. */
  async corrections(limit: number, offset = 0): Promise<{ entries: CorrectionLogEntry[]; total: number }> {
    const [rows, [{ total }]]: [{ article_id: string; note: string; corrected_at: Date; headline: string; slug: string; status: string }[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT c.article_id, c.note, c.corrected_at, a.content->>'headline' AS headline, a.slug, a.status
           FROM corrections c JOIN articles a ON a.id = c.article_id
          ORDER BY c.corrected_at DESC, c.id DESC
          LIMIT $1 OFFSET $2`,
        [limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM corrections c JOIN articles a ON a.id = c.article_id`),
    ]);
    const entries = rows.map((row) => ({
      articleId: row.article_id,
      note: row.note,
      correctedAt: row.corrected_at,
      headline: row.headline,
      slug: row.slug,
      withdrawn: row.status === 'withdrawn',
    }));
    return { entries, total };
  }

  private async withCorrections(row: ArticleEntity | null): Promise<PublicArticle | null> {
    if (!row) return null;
    const corrections = await this.dataSource
      .getRepository(CorrectionEntity)
      .find({ where: { articleId: row.id }, order: { correctedAt: 'ASC', id: 'ASC' } });
    return toPublicArticle(row, corrections);
  }

  private articles() {
    return this.dataSource.getRepository(ArticleEntity);
  }
}

function publicOnly(rows: ArticleEntity[]): PublicArticle[] {
  return rows.map((row) => toPublicArticle(row)).filter((article): article is PublicArticle => article !== null);
}
