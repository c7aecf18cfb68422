import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import type { Publication, PublishedArticle } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { ArticleChanges } from '../article-changes';
import { articlePublishedEvent, articleUpdatedEvent, publicationScheduledEvent } from '../publication-events';
import { GoLiveCommand } from './go-live.command';

export interface GoLiveResult extends Publication {
  articleId: string;
}

/** When an accepted revision goes live: at once, or at `dueAt` (the later of its schedule and embargo). */
export type RevisionTiming = { kind: 'due' } | { kind: 'scheduled'; dueAt: Date };

/** What `publishOrAnnounce` did: the revision is live under `slug`, or waits until `dueAt`. */
export type PublishOrAnnounceResult = { outcome: 'published'; slug: string } | { outcome: 'scheduled'; dueAt: Date };

/**
 * Makes an article's waiting revision public and announces it: `news.article.updated.v1` when
 * it replaces a live text, `news.article.published.v1` otherwise.
 * Runs inside the caller's unit of work when there is one: an approval that is due at once,
 * or the scheduler when a time arrives; on its own otherwise.
 *
 * @throws ARTICLE.NOT_FOUND for an unknown article; ARTICLE.NOTHING_DUE when nothing waits
 *   or its time has not come.
 */
@Injectable()
export class GoLiveUseCase {
  private readonly logger = new Logger(GoLiveUseCase.name);

  constructor(
    private readonly changes: ArticleChanges,
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
  ) {}

  /** One `ArticleChanges.apply`: its unit of work is this use case's. */
  async execute(command: GoLiveCommand): Promise<GoLiveResult> {
    const { article, result: publication } = await this.changes.apply(
      command.articleId,
      async (article, now) => {
        const slug = article.needsSlug ? await this.articles.allocateSlug(article.id, article.pendingHeadline) : undefined;
        return article.goLive(now, slug);
      },
      // An update has its own event; a first publication and a republication announce a publication.
      ({ article, result, now }, publicBaseUrl) =>
        result.kind === 'update' ? articleUpdatedEvent(article, publicBaseUrl, now) : articlePublishedEvent(article, publicBaseUrl, now),
    );
    this.logger.log({ articleId: article.id, ...publication }, 'article is live');
    return { articleId: article.id, ...publication };
  }

  /**
   * What follows a revision accepted for publication (an approval, or a moved schedule), in
   * the caller's unit of work, once the article is stored: a revision due now goes live at
   * once (see execute); one that waits is announced (`news.article.scheduled.v1` with its
   * effective time) and the scheduler re-plans on commit.
   *
   * @param now the instant the caller decided the timing at (the event's time).
   */
  async publishOrAnnounce(article: PublishedArticle, timing: RevisionTiming, now: Date): Promise<PublishOrAnnounceResult> {
    if (timing.kind === 'due') {
      const { slug } = await this.execute(GoLiveCommand.create({ articleId: article.id }));
      return { outcome: 'published', slug };
    }
    await this.outbox.record(publicationScheduledEvent(article, now));
    await this.articles.signalScheduleChange();
    return { outcome: 'scheduled', dueAt: timing.dueAt };
  }
}
