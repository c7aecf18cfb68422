import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import type { WithdrawAlertsCommand } from './withdraw-alerts.command';

export interface WithdrawAlertsResult {
  /** Pending deliveries cancelled; ones already sending or sent cannot be recalled. */
  cancelled: number;
}

/**
 * An article was withdrawn: its alerts not sent yet are cancelled, and the
 * withdrawal is remembered (even for an article not seen yet), so a publication
 * event it postdates, arriving late, stays quiet.
 */
@Injectable()
export class WithdrawAlertsUseCase {
  private readonly logger = new Logger(WithdrawAlertsUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: ArticleAlertRepository,
  ) {}

  async execute(command: WithdrawAlertsCommand): Promise<WithdrawAlertsResult> {
    const { articleId } = command;
    const cancelled = await this.unitOfWork.run(async () => {
      await this.alerts.update(articleId, (alert) => alert.recordWithdrawal(command.withdrawnAt));
      return this.alerts.cancelPending(articleId, 'article withdrawn before the alert was sent');
    });
    this.logger.log({ articleId, cancelled }, 'article withdrawn; pending alerts cancelled');
    return { cancelled };
  }
}
