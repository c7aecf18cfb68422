import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage } from '@newsroom/messaging';
import { SiteSectionFollower } from '@newsroom/site-sections';

/**
 * The site's section list from publishing, for the SECTION_UNKNOWN check; publishing's article
 * events are skipped (review has nothing to do once a story is approved). The processor
 * validates, deduplicates (inbox), retries and dead-letters; the follower keeps the newest
 * version in the inbox's unit of work.
 */
@Controller()
export class SiteSectionsConsumer {
  private readonly handlers: EventHandlers = {
    [EVENT_TYPES.siteSectionsChanged]: (event) => this.sections.apply(event.data),
  };

  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly sections: SiteSectionFollower,
  ) {}

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }
}
