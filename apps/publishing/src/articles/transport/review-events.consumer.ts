import { Controller } from '@nestjs/common';
import { TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type InboundMessage } from '@newsroom/messaging';
import { PublishApprovedArticleUseCase } from '../use-cases/publish-approved-article/publish-approved-article.use-case';

/** Editorial review's decisions; only approvals concern publishing, the rest are skipped. */
@Controller()
export class ReviewEventsConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly publishApproved: PublishApprovedArticleUseCase,
  ) {}

  @ConsumeTopic(TOPICS.review)
  async onReviewEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.publishApproved.handlers);
  }
}
