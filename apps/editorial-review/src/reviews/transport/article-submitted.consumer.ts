import { Controller } from '@nestjs/common';
import { TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type InboundMessage } from '@newsroom/messaging';
import { ReceiveSubmissionUseCase } from '../use-cases/receive-submission/receive-submission.use-case';

/** Submitted revisions from drafting; other drafting event types are skipped. */
@Controller()
export class ArticleSubmittedConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly receiveSubmission: ReceiveSubmissionUseCase,
  ) {}

  @ConsumeTopic(TOPICS.drafting)
  async onDraftingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.receiveSubmission.handlers);
  }
}
