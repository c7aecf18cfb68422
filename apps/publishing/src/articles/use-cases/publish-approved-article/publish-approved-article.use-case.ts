import { Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import { PublishedArticle, type Approval } from '../../domain/published-article';
import { slugCandidates } from '../../domain/slug';
import { ArticleRepository } from '../../persistence/article.repository';
import { Clock } from '../clock';
import { GoLiveUseCase } from '../go-live/go-live.use-case';
import { scheduleCancelledEvent } from '../publication-events';
import type { PublishApprovedArticleCommand } from './publish-approved-article.command';

export type PublishApprovedArticleResult =
  | { outcome: 'published'; articleId: string; revision: number; slug: string }
  | { outcome: 'scheduled'; articleId: string; revision: number; dueAt: Date }
  | { outcome: 'ignored'; articleId: string; revision: number; reason: 'already-accepted' | 'withdrawn-later' };

/**
 * Takes an approved revision from editorial review: exactly the approved text goes live at
 * once, or waits (durably, as a row with `due_at`) for the later of its schedule and embargo.
 * A newer revision of a live article replaces its text and keeps its address. A revision
 * approved before an editor withdrew the article, arriving after the withdrawal, does not go
 * live: it is announced as cancelled (`news.article.schedule-cancelled.v1`), so its reporter's
 * copy does not stay "approved" with nothing ahead of it.
 *
 * @throws ARTICLE.SELF_APPROVAL (the author approved it) and ARTICLE.STALE_REVISION (not newer
 *   than a revision already accepted); nothing is stored or announced then.
 */
@Injectable()
export class PublishApprovedArticleUseCase {
  private readonly logger = new Logger(PublishApprovedArticleUseCase.name);

  constructor(
    private readonly articles: ArticleRepository,
    private readonly goLive: GoLiveUseCase,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Before a chunk of approvals applied in one unit of work (the caller's): locks their
   * articles and reads the slugs their headlines could take, all in two statements, so each
   * `execute` then reads nothing and the articles are written together before the commit
   * (ArticleRepository.lockTogether).
   */
  async prepareTogether(approvals: readonly { articleId: string; headline: string }[]): Promise<void> {
    await this.articles.lockTogether(approvals.map(({ articleId, headline }) => ({ id: articleId, slugs: slugCandidates(headline, articleId) })));
  }

  @Transactional()
  async execute(command: PublishApprovedArticleCommand): Promise<PublishApprovedArticleResult> {
    const now = this.clock.now();
    const { articleId, revision } = command;
    const approval = toApproval(command);
    // The one read: it tells a new article from a known one, locks a known one's row, and
    // says which of the headline's slugs are taken, should a first publication need one.
    const { article: existing, slugs } = await this.articles.findForUpdateWithSlugs(articleId, slugCandidates(approval.content.headline, articleId));
    const { article, outcome } = existing
      ? { article: existing, outcome: existing.receiveApproval(approval, now) }
      : PublishedArticle.approved(articleId, approval, now);
    if (outcome.kind === 'ignored') {
      this.logger.log({ articleId, revision, reason: outcome.reason }, 'approval changes nothing');
      // Announced each time it comes (a redelivery too): drafting takes a cancellation it has once.
      if (outcome.reason === 'withdrawn-later') await this.outbox.record(scheduleCancelledEvent(articleId, outcome.cancellation, now));
      return { outcome: 'ignored', articleId, revision, reason: outcome.reason };
    }
    // Stored once, by publishOrAnnounce: a revision due now is written already live.
    return { articleId, revision, ...(await this.goLive.publishOrAnnounce({ article, stored: existing !== null, slugs }, outcome, now)) };
  }
}

/**
 * The approval the domain takes: the command's approval fields as they are (their one list
 * is contracts' `withApproval`), less the article id, with the article as `content` and the
 * approval instant as a Date.
 */
function toApproval({ articleId: _articleId, article, approvedAt, ...terms }: PublishApprovedArticleCommand): Approval {
  return { ...terms, content: article, approvedAt: new Date(approvedAt) };
}
