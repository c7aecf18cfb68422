import { Controller } from '@nestjs/common';
import { EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import { ConsumeTopic, Inbound, InboundEventProcessor, type EventHandlers, type InboundMessage } from '@newsroom/messaging';
import { SiteSectionFollower } from '@newsroom/site-sections';
import { RecordKillUseCase } from '../use-cases/record-kill/record-kill.use-case';

/**
 * What review needs of publishing's events: the site's section list (for the SECTION_UNKNOWN
 * check) and kills (a killed story's review closes). Publishing's other article events are
 * skipped: review has nothing to do once a story is approved. The processor validates,
 * deduplicates (inbox), retries and dead-letters; the follower and the use case join its unit
 * of work.
 */
@Controller()
export class PublishingEventsConsumer {
  private readonly handlers: EventHandlers = {
    [EVENT_TYPES.siteSectionsChanged]: (event) => this.sections.apply(event.data),
    [EVENT_TYPES.articleKilled]: async ({ data }) => {
      await this.recordKill.execute(data.articleId);
    },
  };

  constructor(
    private readonly inbound: InboundEventProcessor,
    private readonly sections: SiteSectionFollower,
    private readonly recordKill: RecordKillUseCase,
  ) {}

  @ConsumeTopic(TOPICS.publishing)
  async onPublishingEvent(@Inbound() message: InboundMessage): Promise<void> {
    await this.inbound.process(message, this.handlers);
  }
}
