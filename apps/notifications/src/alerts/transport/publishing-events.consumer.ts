import { Controller } from '@nestjs/common';
import { TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type InboundMessage } from '@newsroom/messaging';
import { FanOutAlertsUseCase } from '../use-cases/fan-out-alerts/fan-out-alerts.use-case';

/** Published, corrected and unpublished articles; other publishing events are skipped. */
@Controller()
export class PublishingEventsConsumer {
  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly fanOut: FanOutAlertsUseCase,
  ) {}

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.fanOut.handlers);
  }
}
