import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@newsroom/persistence';
import { ArticleAlertRepository } from '../../persistence/article-alert.repository';
import type { Removal, WithdrawAlertsCommand } from './withdraw-alerts.command';

/** Why a delivery was cancelled, as the delivery log shows it. */
const CANCELLED_BECAUSE: Record<Removal, string> = {
  unpublished: 'article withdrawn before the alert was sent',
  killed: 'article killed before the alert was sent',
};

export interface WithdrawAlertsResult {
  /** Pending deliveries cancelled; ones already sending or sent cannot be recalled. */
  cancelled: number;
}

/**
 * An article was withdrawn (unpublished or killed): its alerts not sent yet are
 * cancelled, and the withdrawal is remembered (even for an article not seen yet),
 * so a publication event it postdates, arriving late, stays quiet. That makes a
 * kill final here too: publishing publishes nothing after a kill, so every
 * published event about the story is dated (by publishing's clock, as the kill
 * is) before it.
 */
@Injectable()
export class WithdrawAlertsUseCase {
  private readonly logger = new Logger(WithdrawAlertsUseCase.name);

  constructor(private readonly alerts: ArticleAlertRepository) {}

  @Transactional()
  async execute(command: WithdrawAlertsCommand): Promise<WithdrawAlertsResult> {
    const { articleId } = command;
    await this.alerts.update(articleId, (alert) => alert.recordWithdrawal(command.withdrawnAt));
    const cancelled = await this.alerts.cancelPending(articleId, CANCELLED_BECAUSE[command.removal]);
    this.logger.log({ articleId, removal: command.removal, cancelled }, 'article withdrawn; pending alerts cancelled');
    return { cancelled };
  }
}
