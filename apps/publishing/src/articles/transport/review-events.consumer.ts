import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage, type PrepareChunk } from '@newsroom/messaging';
import { PublishApprovedArticleCommand } from '../use-cases/publish-approved-article/publish-approved-article.command';
import { PublishApprovedArticleUseCase } from '../use-cases/publish-approved-article/publish-approved-article.use-case';

/**
 * Editorial review's decisions; only approvals concern publishing, the rest are skipped.
 * InboundEventProcessor validates each event (and that it belongs on this topic), records it
 * in the inbox in the same transaction as the use case, retries, and dead-letters what the
 * domain refuses (a self-approval, a stale revision) with the error code as the reason.
 */
@Controller()
export class ReviewEventsConsumer {
  private readonly handlers: EventHandlers = {
    // The event's data passed validateEvent; the command takes its fields without a second pass.
    [EVENT_TYPES.articleApproved]: async ({ data }) => {
      await this.publishApproved.execute(PublishApprovedArticleCommand.fromValidated(data));
    },
  };

  /** Approvals sharing a transaction lock and read their articles together, once. */
  private readonly prepare: PrepareChunk = (events) =>
    this.publishApproved.prepareTogether(
      events.flatMap((event) => (event.type === EVENT_TYPES.articleApproved ? [{ articleId: event.data.articleId, headline: event.data.article.headline }] : [])),
    );

  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly publishApproved: PublishApprovedArticleUseCase,
  ) {}

  @ConsumeTopic(TOPICS.review)
  async onReviewEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers, this.prepare);
  }
}
