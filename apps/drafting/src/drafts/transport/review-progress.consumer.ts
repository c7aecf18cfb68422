import { Controller } from '@nestjs/common';
import { TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type InboundMessage } from '@newsroom/messaging';
import { TrackReviewProgressUseCase } from '../use-cases/track-review-progress/track-review-progress.use-case';

/** Review and publishing outcomes, mirrored onto the reporter's drafts. */
@Controller()
export class ReviewProgressConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly progress: TrackReviewProgressUseCase,
  ) {}

  @ConsumeTopic(TOPICS.review)
  async onReviewEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.progress.handlers);
  }

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.progress.handlers);
  }
}
