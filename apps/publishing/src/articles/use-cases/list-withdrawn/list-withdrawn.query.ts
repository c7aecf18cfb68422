import { Injectable } from '@nestjs/common';
import { ArticleRepository } from '../../persistence/article.repository';
import type { ListWithdrawnCommand } from './list-withdrawn.command';

/** A story an editor took off the site (unpublished), as editors see it. */
export interface WithdrawnItem {
  articleId: string;
  headline: string;
  section: string;
  /** Its address, which answers "withdrawn" (410) until a newer revision brings it back. */
  slug: string | null;
  withdrawnAt: Date;
  /** Why, as the editor wrote it (internal). */
  reason: string;
  editorId: string;
}

/**
 * Editors' view of what was taken off the site: a withdrawn story is on no public list, yet an
 * editor may still need it (to kill it when a court order follows a fact check).
 */
@Injectable()
export class ListWithdrawnQuery {
  constructor(private readonly articles: ArticleRepository) {}

  /** A page of them, and how many there are in all (a story withdrawn a year ago is still there to kill). */
  async execute(command: ListWithdrawnCommand): Promise<{ items: WithdrawnItem[]; total: number }> {
    const { articles, total } = await this.articles.withdrawn(command.limit, command.offset ?? 0);
    const items = articles.flatMap((article) => {
      const { live, withdrawal, slug } = article.snapshot();
      if (!live || !withdrawal) return [];
      return [{ articleId: article.id, headline: live.content.headline, section: live.content.section, slug, withdrawnAt: withdrawal.at, reason: withdrawal.reason, editorId: withdrawal.editorId }];
    });
    return { items, total };
  }
}
