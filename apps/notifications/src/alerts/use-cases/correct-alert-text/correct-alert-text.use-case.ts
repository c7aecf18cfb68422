import { Injectable, Logger } from '@nestjs/common';
import { PublicSite } from '../../domain/public-site';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import { alertContentOf } from '../alert-content.command';
import type { CorrectAlertTextCommand } from './correct-alert-text.command';

export interface CorrectAlertTextResult {
  /** False for an article no publication was seen of, or a revision older than the one known. */
  updated: boolean;
}

/**
 * One alert per article: a correction or an update (a newer revision gone live)
 * changes what alerts not sent yet will say (newer revision wins), and alerts
 * nobody new.
 * Errors: ALERT.OFF_SITE_URL when the URL is not on the public site.
 */
@Injectable()
export class CorrectAlertTextUseCase {
  private readonly logger = new Logger(CorrectAlertTextUseCase.name);

  constructor(
    private readonly alerts: ArticleAlertRepository,
    private readonly site: PublicSite,
  ) {}

  async execute(command: CorrectAlertTextCommand): Promise<CorrectAlertTextResult> {
    this.site.assertOwns(command.url);
    const updated = await this.alerts.updateKnown(command.articleId, (alert) => alert.applyCorrection(alertContentOf(command)));
    if (updated) this.logger.log({ articleId: command.articleId, revision: command.revision }, 'alert text corrected');
    return { updated };
  }
}
