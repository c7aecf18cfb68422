import { Injectable, Logger } from '@nestjs/common';
import { outgoingTraceparent } from '@newsroom/messaging';
import { Transactional } from '@newsroom/persistence';
import type { FanOutDecision } from '../../domain/article-alert';
import { PublicSite } from '../../domain/public-site';
import { ArticleAlertRepository, type FanOutCounts } from '../../persistence/article-alert.repository';
import { alertContentOf } from '../alert-content.command';
import type { FanOutAlertsCommand } from './fan-out-alerts.command';

export type FanOutResult = ({ fannedOut: true } | { fannedOut: false; reason: Extract<FanOutDecision, { fanOut: false }>['reason'] }) & {
  /** Deliveries created now (0 for recipients alerted before); the rest of a large audience follows in the background. */
  queued: FanOutCounts;
};

/**
 * Recipients per channel expanded inside the consumer's transaction (about
 * 17 µs each, so well under a second): small audiences are queued at once,
 * and a larger one continues as a fan-out job (ExpandFanOutUseCase) so the
 * Kafka handler returns within its session timeout at any audience size.
 */
export const FIRST_BATCH = 2_000;

/**
 * An article went live: one pending delivery per matching recipient per
 * channel — the first FIRST_BATCH per channel in one transaction with the
 * article's alert text (inside the consumer's inbox transaction when called
 * from it), the rest recorded there as a fan-out job and expanded in the
 * background. The delivery workers (and, for a job, the expanders) are woken
 * by that commit, so a small audience's alerts are claimed by the workers
 * straight away: one wake-up between the event and the sends. Three
 * statements after the consumer's inbox row: lock the alert, store it, and
 * one that queues, records any job, keeps the trace and wakes. Nobody is
 * alerted twice about an article (ArticleAlert decides; UNIQUE (article,
 * recipient, channel) guarantees).
 * Errors: ALERT.OFF_SITE_URL when the URL is not on the public site.
 */
@Injectable()
export class FanOutAlertsUseCase {
  private readonly logger = new Logger(FanOutAlertsUseCase.name);

  constructor(
    private readonly alerts: ArticleAlertRepository,
    private readonly site: PublicSite,
  ) {}

  @Transactional()
  async execute(command: FanOutAlertsCommand): Promise<FanOutResult> {
    this.site.assertOwns(command.url);
    const { articleId } = command;
    const decision = await this.alerts.update(articleId, (alert) => alert.recordPublication(alertContentOf(command), command.publishedAt, new Date()));
    if (!decision.fanOut) {
      this.logger.log({ articleId, reason: decision.reason }, 'published article alerts nobody');
      return { fannedOut: false, reason: decision.reason, queued: { email: 0, push: 0 } };
    }
    const { continuing, ...queued } = await this.alerts.fanOut(articleId, decision.content, { firstBatch: FIRST_BATCH, traceparent: outgoingTraceparent() });
    this.logger.log({ articleId, priority: decision.content.priority, ...queued, continuing }, 'alerts queued');
    return { fannedOut: true, queued };
  }
}
