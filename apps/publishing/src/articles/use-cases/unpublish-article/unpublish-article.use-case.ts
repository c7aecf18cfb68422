import { Injectable } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import type { Withdrawal } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { ArticleChanges } from '../article-changes';
import { articleUnpublishedEvent, scheduleCancelledEvent } from '../publication-events';
import type { UnpublishArticleCommand } from './unpublish-article.command';

export interface UnpublishArticleResult extends Withdrawal {
  articleId: string;
}

/**
 * An editor takes a live article down. Its address then answers 410 Gone with a short
 * notice; the API still returns it, marked withdrawn and without its text. Subscribers hear
 * about it (`news.article.unpublished.v1`). A newer revision still waiting for its time is
 * dropped with it and announced as cancelled (`news.article.schedule-cancelled.v1`, in the same
 * unit of work), so its reporter's copy does not stay "scheduled" for good.
 *
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOT_PUBLISHED (scheduled, or already withdrawn).
 */
@Injectable()
export class UnpublishArticleUseCase {
  constructor(
    private readonly changes: ArticleChanges,
    private readonly outbox: Outbox,
    private readonly articles: ArticleRepository,
  ) {}

  @Transactional()
  async execute(command: UnpublishArticleCommand): Promise<UnpublishArticleResult> {
    const {
      article,
      result: { cancellation, ...withdrawal },
    } = await this.changes.apply(
      command.articleId,
      (article, now) => article.unpublish(command.reason, command.editorId, now),
      ({ article, result }) => articleUnpublishedEvent(article, result.at),
    );
    if (cancellation) {
      await this.outbox.record(scheduleCancelledEvent(article.id, cancellation, cancellation.at));
      // The scheduler re-plans on commit, as after an editor's cancellation.
      await this.articles.signalScheduleChange();
    }
    return { articleId: article.id, ...withdrawal };
  }
}
