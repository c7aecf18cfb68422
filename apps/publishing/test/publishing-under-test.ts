import { createEvent, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { ServiceUnderTest, TestEventBus } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { startPublishing } from '../src/service';
import { approvalFields, PUBLIC_BASE_URL, type ApprovalFields } from './publishing.fixtures';

/** An approval as editorial review's outbox publishes it on the review topic (see approvalFields). */
export function approvalEvent(fields: Partial<ApprovalFields>): NewsroomEvent {
  const data = approvalFields(fields);
  return createEvent(EVENT_TYPES.articleApproved, data, { subject: data.articleId });
}

/**
 * The publishing service running in the spec's process as readers and editorial review meet
 * it: on a broker of its own (about 2 s to start), a database of its own named `name`, and a
 * test event bus to produce review events and collect what the service publishes.
 */
export class PublishingUnderTest {
  private constructor(
    readonly broker: LocalBroker,
    readonly service: ServiceUnderTest,
    readonly bus: TestEventBus,
  ) {}

  /**
   * Starts the broker, the service and the bus. Every request in a spec comes from one
   * address, so the per-client page limit is off; the limits have their own spec
   * (config/rate-limits.int-spec.ts). `env` adds to or replaces those settings (a site
   * address, SITE_SECTIONS, NOTIFICATIONS_PUBLIC_URL…). Stops what it started when the
   * service fails to start.
   */
  static async start(name: string, env: Record<string, string> = {}): Promise<PublishingUnderTest> {
    const broker = await startLocalBroker();
    try {
      const service = await ServiceUnderTest.start({
        name,
        schema: 'publishing',
        brokers: broker.brokers,
        env: { PUBLIC_BASE_URL, RATE_LIMITS: 'pages:client=0/1m', ...env },
        boot: startPublishing,
      });
      return new PublishingUnderTest(broker, service, new TestEventBus(broker.brokers));
    } catch (error) {
      await broker.stop();
      throw error;
    }
  }

  /** Produces `event` on the review topic and waits until the service recorded it in its inbox. */
  async deliver(event: NewsroomEvent): Promise<void> {
    await this.bus.produce(TOPICS.review, event);
    await this.service.handled(event.id);
  }

  async stop(): Promise<void> {
    await this.bus.close();
    await this.service.close();
    await this.broker.stop();
  }
}
