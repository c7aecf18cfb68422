import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type ArticlePublishedData, type EventOf } from '@newsroom/contracts';
import type { EventHandlers } from '@newsroom/messaging';
import { ArticleAlert, type AlertContent } from '../../domain/article-alert';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';

/**
 * Turns publishing events into deliveries, inside the inbox transaction: the
 * deliveries, the article's alert text and the inbox row commit together, and
 * the delivery worker is woken by that commit.
 */
@Injectable()
export class FanOutAlertsUseCase {
  private readonly logger = new Logger(FanOutAlertsUseCase.name);

  constructor(private readonly alerts: ArticleAlertRepository) {}

  readonly handlers: EventHandlers = {
    [EVENT_TYPES.articlePublished]: (event, manager) => this.published(event, manager),
    [EVENT_TYPES.articleCorrected]: (event, manager) => this.corrected(event, manager),
    [EVENT_TYPES.articleUnpublished]: (event, manager) => this.unpublished(event, manager),
  };

  private async published(event: EventOf<'news.article.published.v1'>, manager: EntityManager): Promise<void> {
    const articleId = event.data.articleId;
    const alert = (await this.alerts.findForUpdate(manager, articleId)) ?? ArticleAlert.unknown(articleId);
    const content = contentOf(event.data);
    const decision = alert.published(content, new Date(event.data.publishedAt), new Date());
    await this.alerts.save(manager, alert);
    if (!decision.fanOut) {
      this.logger.log({ articleId, eventId: event.id, reason: decision.reason }, 'published article alerts nobody');
      return;
    }
    // Uses the stored content: a correction seen earlier (newer revision) wins over this event's text.
    const counts = await this.alerts.fanOut(manager, articleId, alert.state.content ?? content);
    if (counts.email + counts.push > 0) await this.alerts.wakeWorkerOnCommit(manager);
    this.logger.log({ articleId, eventId: event.id, priority: content.priority, ...counts }, 'alerts queued');
  }

  /** One alert per article: a correction updates what unsent alerts say, and alerts nobody new. */
  private async corrected(event: EventOf<'news.article.corrected.v1'>, manager: EntityManager): Promise<void> {
    const alert = await this.alerts.findForUpdate(manager, event.data.articleId);
    if (!alert) return;
    if (alert.corrected(contentOf(event.data))) await this.alerts.save(manager, alert);
  }

  private async unpublished(event: EventOf<'news.article.unpublished.v1'>, manager: EntityManager): Promise<void> {
    const articleId = event.data.articleId;
    const alert = (await this.alerts.findForUpdate(manager, articleId)) ?? ArticleAlert.unknown(articleId);
    alert.withdrawn(new Date(event.data.unpublishedAt));
    await this.alerts.save(manager, alert);
    const cancelled = await this.alerts.cancelPending(manager, articleId, 'article withdrawn before the alert was sent');
    this.logger.log({ articleId, eventId: event.id, cancelled }, 'article withdrawn; pending alerts cancelled');
  }
}

function contentOf(data: ArticlePublishedData): AlertContent {
  return {
    revision: data.revision,
    headline: data.headline,
    standfirst: data.standfirst ?? null,
    url: data.url,
    section: data.section,
    tags: data.tags,
    priority: data.priority,
  };
}
