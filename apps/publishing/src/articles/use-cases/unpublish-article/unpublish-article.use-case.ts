import { Injectable } from '@nestjs/common';
import type { Withdrawal } from '../../domain/published-article';
import { ArticleChanges } from '../article-changes';
import { articleUnpublishedEvent } from '../publication-events';
import type { UnpublishArticleCommand } from './unpublish-article.command';

export interface UnpublishArticleResult extends Withdrawal {
  articleId: string;
}

/**
 * An editor takes a live article down. Its address then answers 410 Gone with a short
 * notice; the API still returns it, marked withdrawn and without its text. Subscribers hear
 * about it (`news.article.unpublished.v1`).
 *
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOT_PUBLISHED (scheduled, or already withdrawn).
 */
@Injectable()
export class UnpublishArticleUseCase {
  constructor(private readonly changes: ArticleChanges) {}

  /** One `ArticleChanges.apply`: its unit of work is this use case's. */
  async execute(command: UnpublishArticleCommand): Promise<UnpublishArticleResult> {
    const { article, result: withdrawal } = await this.changes.apply(
      command.articleId,
      (article, now) => article.unpublish(command.reason, command.editorId, now),
      ({ article, result }) => articleUnpublishedEvent(article, result.at),
    );
    return { articleId: article.id, ...withdrawal };
  }
}
