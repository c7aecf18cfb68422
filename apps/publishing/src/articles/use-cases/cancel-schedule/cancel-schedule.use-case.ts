import { Injectable } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import type { Cancellation } from '../../domain/published-article';
import type { PublicationStatus } from '../../domain/publication-status';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { scheduleCancelledEvent } from '../publication-events';
import type { CancelScheduleCommand } from './cancel-schedule.command';

export interface CancelScheduleResult extends Cancellation {
  articleId: string;
  /** `published` when a live text stays; `cancelled` when the story never went live. */
  status: PublicationStatus;
}

/**
 * An editor cancels what is waiting to go live: a story not yet published stays unpublished
 * (until a newer approval), a waiting update of a live story is dropped and the live text
 * stays. Announced as `news.article.schedule-cancelled.v1`; the scheduler re-plans on commit.
 *
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOTHING_SCHEDULED (nothing waits), ARTICLE.KILLED.
 */
@Injectable()
export class CancelScheduleUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute(command: CancelScheduleCommand): Promise<CancelScheduleResult> {
    const { article, result: cancellation } = await this.articles.update(command.articleId, (article) => article.cancelSchedule(command.editorId, this.clock.now()));
    await this.outbox.record(scheduleCancelledEvent(article.id, cancellation, cancellation.at));
    await this.articles.signalScheduleChange();
    return { articleId: article.id, status: article.status, ...cancellation };
  }
}
