import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { PublicSite } from '../../domain/public-site';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import { alertContentOf } from '../alert-content.command';
import type { CorrectAlertTextCommand } from './correct-alert-text.command';

export interface CorrectAlertTextResult {
  /** False for an article no publication was seen of, or a revision older than the one known. */
  updated: boolean;
}

/**
 * One alert per article: a correction updates what alerts not sent yet will
 * say (newer revision wins), and alerts nobody new.
 * Errors: ALERT.OFF_SITE_URL when the URL is not on the public site.
 */
@Injectable()
export class CorrectAlertTextUseCase {
  private readonly logger = new Logger(CorrectAlertTextUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: ArticleAlertRepository,
    private readonly site: PublicSite,
  ) {}

  async execute(command: CorrectAlertTextCommand): Promise<CorrectAlertTextResult> {
    this.site.assertOwns(command.url);
    const updated = await this.unitOfWork.run(async () => {
      const alert = await this.alerts.findForUpdate(command.articleId);
      if (!alert || !alert.applyCorrection(alertContentOf(command))) return false;
      await this.alerts.save(alert);
      return true;
    });
    if (updated) this.logger.log({ articleId: command.articleId, revision: command.revision }, 'alert text corrected');
    return { updated };
  }
}
