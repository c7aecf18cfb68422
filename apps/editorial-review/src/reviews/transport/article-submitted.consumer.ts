import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage } from '@newsroom/messaging';
import { ReceiveSubmissionCommand } from '../use-cases/receive-submission/receive-submission.command';
import { ReceiveSubmissionUseCase } from '../use-cases/receive-submission/receive-submission.use-case';

/**
 * Submitted revisions from drafting; other drafting event types are skipped.
 * The processor validates, deduplicates (inbox), retries and dead-letters;
 * the use case joins its unit of work.
 */
@Controller()
export class ArticleSubmittedConsumer {
  private readonly handlers: EventHandlers = {
    [EVENT_TYPES.articleSubmitted]: async ({ id, data: { articleId, revision, authorId, submittedAt, article, editedBy } }) => {
      await this.receiveSubmission.execute(ReceiveSubmissionCommand.create({ articleId, revision, authorId, submittedAt: new Date(submittedAt), article, editedBy, eventId: id }));
    },
  };

  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly receiveSubmission: ReceiveSubmissionUseCase,
  ) {}

  @ConsumeTopic(TOPICS.drafting)
  async onDraftingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }
}
