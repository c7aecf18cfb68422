import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ArticleEntity } from '../../persistence/article.entity';
import { CorrectionEntity } from '../../persistence/correction.entity';
import { toPublicArticle, type CorrectionLogEntry, type PublicArticle } from './public-article';

export interface ArticleFilter {
  section?: string;
  tag?: string;
  limit: number;
  offset: number;
}

export interface SectionSummary {
  section: string;
  articles: number;
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

  /** Live articles, newest first by first publication. */
  async list(filter: ArticleFilter): Promise<{ items: PublicArticle[]; total: number }> {
    const query = this.articles().createQueryBuilder('a').where(`a.status = 'published'`);
    if (filter.section) query.andWhere('a.section = :section', { section: filter.section });
    if (filter.tag) query.andWhere(':tag = ANY(a.tags)', { tag: filter.tag });
    const [rows, total] = await query
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items: publicOnly(rows), total };
  }

  /** Sections that have live articles, busiest first: the site navigation. */
  async sections(): Promise<SectionSummary[]> {
    const rows: { section: string; articles: number }[] = await this.dataSource.query(
      `SELECT section, count(*)::int AS articles FROM articles WHERE status = 'published' GROUP BY section ORDER BY articles DESC, section`,
    );
    return rows;
  }

  /** Every live article, newest change first, for the sitemap. */
  async allLive(): Promise<PublicArticle[]> {
    const rows = await this.articles().find({ where: { status: 'published' }, order: { updatedAt: 'DESC', id: 'ASC' } });
    return publicOnly(rows);
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

  /** The corrections log, newest first. */
  async corrections(limit: number): Promise<CorrectionLogEntry[]> {
    const rows: { article_id: string; note: string; corrected_at: Date; headline: string; slug: string; status: string }[] =
      await this.dataSource.query(
        `SELECT c.article_id, c.note, c.corrected_at, a.content->>'headline' AS headline, a.slug, a.status
           FROM corrections c JOIN articles a ON a.id = c.article_id
          ORDER BY c.corrected_at DESC, c.id DESC
          LIMIT $1`,
        [limit],
      );
    return rows.map((row) => ({
      articleId: row.article_id,
      note: row.note,
      correctedAt: row.corrected_at,
      headline: row.headline,
      slug: row.slug,
      withdrawn: row.status === 'withdrawn',
    }));
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
