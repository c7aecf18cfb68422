import { Injectable } from '@nestjs/common';
import { SLUG_PATTERN } from '@newsroom/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { articlePath } from '../../domain/public-urls';
import { ArticleEntity } from '../../persistence/article.entity';
import { toPublicArticle, type PublicArticle } from '../read-articles/public-article';

/** How many related stories an article page shows. */
export const RELATED_STORIES = 4;

/**
 * The related stories of a live article, for its page: at most `RELATED_STORIES`, all live
 * (scheduled, embargoed, cancelled, withdrawn and killed stories are never among them).
 * First the article's own `related` teasers that point at this site's article pages, in body
 * order; then stories sharing a tag or the section, newest first. Never the article itself.
 */
@Injectable()
export class RelatedArticlesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(article: PublicArticle, publicBaseUrl: string): Promise<PublicArticle[]> {
    const { content } = article;
    const linked = linkedSlugs(content.body, publicBaseUrl);
    const rows = await this.dataSource
      .getRepository(ArticleEntity)
      .createQueryBuilder('a')
      .where(`a.status = 'published'`)
      .andWhere('a.id <> :id', { id: article.id })
      .andWhere('(a.slug = ANY(:linked) OR a.section = :section OR a.tags && :tags)', { linked, section: content.section, tags: content.tags })
      // Explicit teasers first, in the order the reporter placed them; then the newest.
      .orderBy('array_position(CAST(:linked AS text[]), a.slug)', 'ASC', 'NULLS LAST')
      .addOrderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .limit(RELATED_STORIES)
      .getMany();
    return rows.map((row) => toPublicArticle(row)).filter((related): related is PublicArticle => related !== null);
  }
}

/** Slugs of this site's article pages that the body's `related` teasers link to, each once. */
export function linkedSlugs(body: PublicArticle['content']['body'], publicBaseUrl: string): string[] {
  const prefix = `${publicBaseUrl}${articlePath('')}`;
  const slugs = body.flatMap((block) => {
    if (block.type !== 'related' || !block.url.startsWith(prefix)) return [];
    const slug = block.url.slice(prefix.length).split(/[?#]/)[0].replace(/\/$/, '');
    return SLUG_PATTERN.test(slug) ? [slug] : [];
  });
  return [...new Set(slugs)];
}
