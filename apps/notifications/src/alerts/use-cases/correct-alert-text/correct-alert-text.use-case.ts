import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { PublicSite } from '../../domain/public-site';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { alertContentOf } from '../alert-content.command';
import type { CorrectAlertTextCommand } from './correct-alert-text.command';

export interface CorrectAlertTextResult {
  /** False for an article no publication was seen of, or a revision older than the one known. */
  updated: boolean;
  /** Correction deliveries queued now: one per recipient and channel the alert was sent to; 0 for an update. */
  correctionsQueued: number;
}

/**
 * One alert per article: a correction or an update (a newer revision gone live)
 * changes what alerts not sent yet will say (newer revision wins), and alerts
 * nobody new. A correction also follows the alerts already sent: each recipient
 * the alert reached gets a delivery of kind `correction` (push: the alert again
 * with the corrected text under the story's same RFC 8030 Topic, so it replaces
 * the first; e-mail: one short correction notice), at most once per correction,
 * through the delivery worker. Nothing follows for a withdrawn story.
 * Errors: ALERT.OFF_SITE_URL when the URL is not on the public site.
 */
@Injectable()
export class CorrectAlertTextUseCase {
  private readonly logger = new Logger(CorrectAlertTextUseCase.name);

  constructor(
    private readonly alerts: ArticleAlertRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly site: PublicSite,
  ) {}

  @Transactional()
  async execute(command: CorrectAlertTextCommand): Promise<CorrectAlertTextResult> {
    this.site.assertOwns(command.url);
    let followsSentAlerts = false;
    const updated = await this.alerts.updateKnown(command.articleId, (alert) => {
      followsSentAlerts = alert.correctionsReachRecipients;
      return alert.applyCorrection(alertContentOf(command));
    });
    if (!updated) return { updated, correctionsQueued: 0 };
    const correctionsQueued = command.correction && followsSentAlerts ? await this.deliveries.queueCorrections(command.articleId, command.correction) : 0;
    if (correctionsQueued > 0) await this.deliveries.wakeWorkersOnCommit();
    this.logger.log({ articleId: command.articleId, revision: command.revision, correctionsQueued }, command.correction ? 'alert text corrected' : 'alert text updated');
    return { updated, correctionsQueued };
  }
}
