import { Injectable } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { GoLiveUseCase } from '../go-live/go-live.use-case';
import type { RescheduleArticleCommand } from './reschedule-article.command';

export type RescheduleArticleResult =
  | { outcome: 'scheduled'; articleId: string; revision: number; dueAt: Date }
  | { outcome: 'published'; articleId: string; revision: number; slug: string };

/**
 * An editor moves the schedule of the revision waiting to go live. The embargo is not the
 * editor's to move: the new time counts once it has passed. A time already come publishes at
 * once; otherwise the schedule is announced again (`news.article.scheduled.v1` with the new
 * effective time) and the scheduler re-plans on commit.
 *
 * @throws ARTICLE.NOT_FOUND, ARTICLE.NOTHING_SCHEDULED (nothing waits), ARTICLE.KILLED.
 */
@Injectable()
export class RescheduleArticleUseCase {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly goLive: GoLiveUseCase,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async execute(command: RescheduleArticleCommand): Promise<RescheduleArticleResult> {
    const article = await this.articles.getForUpdate(command.articleId);
    const now = this.clock.now();
    const outcome = article.reschedule(new Date(command.publishAt), now);
    const revision = article.pending!.revision;
    return { articleId: article.id, revision, ...(await this.goLive.publishOrAnnounce({ article, stored: true }, outcome, now)) };
  }
}
