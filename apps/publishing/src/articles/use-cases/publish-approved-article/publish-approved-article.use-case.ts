import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type EventOf } from '@newsroom/contracts';
import { Outbox, type EventHandlers } from '@newsroom/messaging';
import { publicationDueAt } from '../../domain/publication-time';
import { PublishedArticle, type Approval } from '../../domain/published-article';
import { ArticleRepository } from '../../persistence/article.repository';
import { GoLive } from '../go-live/go-live';
import { publicationScheduledEvent } from '../publication-events';

/**
 * Takes an approved revision from editorial review: exactly the approved text goes live at
 * once, or waits (durably, as a row with `due_at`) for the later of its schedule and embargo.
 * A newer revision of a live article replaces its text and keeps its address.
 */
@Injectable()
export class PublishApprovedArticleUseCase {
  private readonly logger = new Logger(PublishApprovedArticleUseCase.name);

  constructor(
    private readonly articles: ArticleRepository,
    private readonly goLive: GoLive,
    private readonly outbox: Outbox,
  ) {}

  readonly handlers: EventHandlers = {
    [EVENT_TYPES.articleApproved]: (event, manager) => this.execute(event, manager),
  };

  async execute(event: EventOf<'news.article.approved.v1'>, manager: EntityManager, now = new Date()): Promise<void> {
    const { data } = event;
    const approval: Approval = {
      revision: data.revision,
      content: data.article,
      priority: data.priority,
      approvedAt: new Date(data.approvedAt),
      dueAt: publicationDueAt(data, now),
    };
    const existing = await this.articles.findForUpdate(manager, data.articleId);
    const article = existing ?? PublishedArticle.fromApproval(data.articleId, approval, now);
    if (existing) {
      const outcome = existing.accept(approval, now);
      if (outcome.kind === 'ignored') {
        this.logger.log({ articleId: data.articleId, revision: data.revision, reason: outcome.reason }, 'approval ignored');
        return;
      }
    }

    if (article.isDue(now)) await this.goLive.apply(manager, article, now);
    else await this.outbox.add(manager, publicationScheduledEvent(article, now));

    if (existing) await this.articles.update(manager, article);
    else await this.articles.insert(manager, article);
  }
}
