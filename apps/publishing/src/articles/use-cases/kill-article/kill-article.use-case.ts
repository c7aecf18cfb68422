import { Injectable, Logger } from '@nestjs/common';
import type { Kill, PublishedArticle } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { ArticleChanges } from '../article-changes';
import { articleKilledEvent } from '../publication-events';
import type { KillArticleCommand } from './kill-article.command';

export interface KillArticleResult extends Omit<Kill, 'reason'> {
  articleId: string;
}

/**
 * An editor kills an article for legal reasons. Its text, the revision waiting, its public
 * fields (search document included) and its corrections are removed in one transaction; the
 * address answers 410 and nothing else from then on, in every output and the API. Consumers
 * hear `news.article.killed.v1` so they can drop what they hold. Works on a story that never
 * went live too, so it never will.
 *
 * @throws ARTICLE.NOT_FOUND; ARTICLE.KILLED when it already is.
 */
@Injectable()
export class KillArticleUseCase {
  private readonly logger = new Logger(KillArticleUseCase.name);

  constructor(
    private readonly changes: ArticleChanges,
    private readonly articles: ArticleRepository,
  ) {}

  /** Runs in the unit of work of `ArticleChanges.apply`: the article, its corrections and the event together. */
  async execute({ articleId, reason, editorId }: KillArticleCommand): Promise<KillArticleResult> {
    const kill = async (article: PublishedArticle, now: Date) => {
      const killed = article.killArticle(reason, editorId, now);
      // Corrections quote the removed text: they go with it.
      await this.articles.deleteCorrections(articleId);
      return killed;
    };
    const { result } = await this.changes.apply(articleId, kill, ({ article, result }) => articleKilledEvent(article, result.at));
    this.logger.log({ articleId, editorId }, 'article killed');
    return { articleId, at: result.at, editorId: result.editorId };
  }
}
