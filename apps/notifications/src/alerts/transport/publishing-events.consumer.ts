import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS, type ArticlePublishedData, type CommandInput } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage } from '@newsroom/messaging';
import { SiteSectionFollower } from '@newsroom/site-sections';
import { TagNameRepository } from '../../subscriptions/persistence/tag-name.repository';
import type { AlertContentCommand } from '../use-cases/alert-content.command';
import { CorrectAlertTextCommand } from '../use-cases/correct-alert-text/correct-alert-text.command';
import { CorrectAlertTextUseCase } from '../use-cases/correct-alert-text/correct-alert-text.use-case';
import { FanOutAlertsCommand } from '../use-cases/fan-out-alerts/fan-out-alerts.command';
import { FanOutAlertsUseCase } from '../use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { WithdrawAlertsCommand } from '../use-cases/withdraw-alerts/withdraw-alerts.command';
import { WithdrawAlertsUseCase } from '../use-cases/withdraw-alerts/withdraw-alerts.use-case';

/**
 * Published, corrected, updated, unpublished and killed articles, and the site's section list
 * (kept by SiteSectionFollower, newest version wins). Scheduled and
 * schedule-cancelled are skipped: nothing is alerted before a story goes live, so
 * a revision that never went live has no alert to change, and a live text whose
 * newer revision was cancelled stays live with the alerts it had. InboundEventProcessor validates each event (and that it belongs on
 * this topic), applies it once inside the inbox's unit of work, retries, and
 * dead-letters what a use case refuses.
 */
@Controller()
export class PublishingEventsConsumer {
  private readonly handlers: EventHandlers = {
    // Each also keeps the words its tags were typed as, for the pages that name followed tags (withTagNames).
    [EVENT_TYPES.articlePublished]: (event) =>
      this.withTagNames(event, () => this.fanOut.execute(FanOutAlertsCommand.create({ ...alertContentFields(event.data), publishedAt: new Date(event.data.publishedAt) }))),
    // A correction also follows the alerts already sent (the push again, one correction e-mail).
    [EVENT_TYPES.articleCorrected]: (event) =>
      this.withTagNames(event, () =>
        this.correct.execute(
          CorrectAlertTextCommand.create({ ...alertContentFields(event.data), correction: { note: event.data.correctionNote, correctedAt: new Date(event.data.correctedAt) } }),
        ),
      ),
    // An update is a newer text at the same address: unsent alerts say it; nobody new is alerted, and nobody again.
    [EVENT_TYPES.articleUpdated]: (event) => this.withTagNames(event, () => this.correct.execute(CorrectAlertTextCommand.create(alertContentFields(event.data)))),
    [EVENT_TYPES.articleUnpublished]: (event) =>
      this.withdraw.execute(WithdrawAlertsCommand.create({ articleId: event.data.articleId, withdrawnAt: new Date(event.data.unpublishedAt), removal: 'unpublished' })),
    [EVENT_TYPES.articleKilled]: (event) =>
      this.withdraw.execute(WithdrawAlertsCommand.create({ articleId: event.data.articleId, withdrawnAt: new Date(event.data.killedAt), removal: 'killed' })),
    // The site's sections: what signups and preferences may choose from.
    [EVENT_TYPES.siteSectionsChanged]: (event) => this.sections.apply(event.data),
  };

  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly fanOut: FanOutAlertsUseCase,
    private readonly correct: CorrectAlertTextUseCase,
    private readonly withdraw: WithdrawAlertsUseCase,
    private readonly sections: SiteSectionFollower,
    private readonly tagNames: TagNameRepository,
  ) {}

  /** Keeps the words the story's tags were typed as (as of the event's time), then applies the event. */
  private async withTagNames<T>(event: { time: string; data: ArticlePublishedData }, apply: () => Promise<T>): Promise<T> {
    await this.tagNames.remember(event.data.tagLabels, new Date(event.time));
    return apply();
  }

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }
}

/** What a published, corrected or updated event says about the article, as the alert commands take it. */
function alertContentFields(data: ArticlePublishedData): CommandInput<AlertContentCommand> {
  return {
    articleId: data.articleId,
    revision: data.revision,
    headline: data.headline,
    standfirst: data.standfirst ?? null,
    url: data.url,
    section: data.section,
    tags: data.tags,
    priority: data.priority,
    language: data.language,
  };
}
