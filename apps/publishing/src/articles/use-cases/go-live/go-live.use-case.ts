import { Injectable, Logger } from '@nestjs/common';
import type { NewsroomEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { UnitOfWork } from '@newsroom/persistence';
import type { Publication, PublishedArticle } from '../../domain/published-article';
import { ArticleRepository, type HeldArticle, type SlugsInUse } from '../../persistence/article.repository';
import { ArticleChanges, type AppliedChange } from '../article-changes';
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
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** One `ArticleChanges.apply`: its unit of work is this use case's. */
  async execute(command: GoLiveCommand): Promise<GoLiveResult> {
    return this.announced(await this.changes.apply(command.articleId, this.goLive, announceGoLive));
  }

  /**
   * What follows a revision accepted for publication (an approval, or a moved schedule), in
   * the caller's unit of work, which holds the article with its new revision taken in but
   * not yet stored: a revision due now goes live at once, stored once in its live state (as
   * execute, without reading the article again); one that waits is stored and announced
   * (`news.article.scheduled.v1` with its effective time) and the scheduler re-plans on commit.
   *
   * @param now the instant the caller decided the timing at (the event's time).
   */
  async publishOrAnnounce(held: HeldArticle, timing: RevisionTiming, now: Date): Promise<PublishOrAnnounceResult> {
    if (timing.kind === 'due') {
      const { slug } = this.announced(await this.changes.applyTo(held, this.goLiveKnowing(held.slugs), announceGoLive));
      return { outcome: 'published', slug };
    }
    await this.articles.store(held);
    await this.outbox.record(publicationScheduledEvent(held.article, now));
    await this.articles.signalScheduleChange();
    return { outcome: 'scheduled', dueAt: timing.dueAt };
  }

  /** The change itself: the first publication takes the first free slug made from the waiting headline. */
  private readonly goLive = this.goLiveKnowing(undefined);

  /** `goLive`, with the slugs in use already read with the article's lock (for its headline), if they were. */
  private goLiveKnowing(slugs: SlugsInUse | undefined): (article: PublishedArticle, now: Date) => Promise<Publication> {
    return async (article, now) => {
      const slug = article.needsSlug ? await this.articles.allocateSlug(article.id, article.pendingHeadline, slugs) : undefined;
      return article.goLive(now, slug);
    };
  }

  private announced({ article, result: publication }: AppliedChange<Publication>): GoLiveResult {
    // Once committed: a consumer's transaction may be shared by a batch of events and rolled
    // back to apply them one by one, and a line written before would say so twice. It still
    // carries this event's trace (UnitOfWork.afterCommit runs it in the context it was added in).
    this.unitOfWork.afterCommit(() => {
      this.logger.log({ articleId: article.id, ...publication }, 'article is live');
      // The revision's own text stands where it rewrote what a correction fixed: an editor
      // should read those fields again, since the correction may apply to the new wording too.
      if (publication.correctionsNotCarried) {
        this.logger.warn(
          { articleId: article.id, revision: publication.revision, fields: publication.correctionsNotCarried },
          'a correction of the text this revision replaced was not carried into it, since the revision rewrote the same fields',
        );
      }
    });
    return { articleId: article.id, ...publication };
  }
}

/** An update has its own event; a first publication and a republication announce a publication. */
function announceGoLive({ article, result, now }: AppliedChange<Publication>, publicBaseUrl: string): NewsroomEvent {
  return result.kind === 'update'
    ? articleUpdatedEvent(article, publicBaseUrl, now, result.correctionsNotCarried)
    : articlePublishedEvent(article, publicBaseUrl, now, result.correctionsNotCarried);
}
