import { Injectable } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import type { Withdrawal } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
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
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute(command: UnpublishArticleCommand): Promise<UnpublishArticleResult> {
    const { article, result: withdrawal } = await this.articles.update(command.articleId, (article) =>
      article.unpublish(command.reason, command.editorId, this.clock.now()),
    );
    await this.outbox.record(articleUnpublishedEvent(article, withdrawal.at));
    return { articleId: article.id, ...withdrawal };
  }
}
