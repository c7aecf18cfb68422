import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@newsroom/persistence';
import { ArticleAlertRepository, type FanOutProgress } from '../../persistence/article-alert.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import type { ExpandFanOutCommand } from './expand-fan-out.command';

/**
 * The background half of a large fan-out: one keyset batch of recipients
 * after the job's cursor becomes pending deliveries, the cursor moves on and
 * the delivery workers are woken, all in one transaction (a crash repeats at
 * most that batch; UNIQUE (article, recipient, channel) absorbs it). Memory is
 * bounded by the batch whatever the audience. A job whose article was
 * unpublished or killed meanwhile is closed without queuing more. Returns the
 * job's progress, or null when no job is open.
 */
@Injectable()
export class ExpandFanOutUseCase {
  private readonly logger = new Logger(ExpandFanOutUseCase.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly alerts: ArticleAlertRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async execute(command: ExpandFanOutCommand): Promise<FanOutProgress | null> {
    const progress = await this.unitOfWork.run(async () => {
      const expanded = await this.alerts.expandNextFanOut(command.batchSize);
      if (expanded && expanded.batch > 0) await this.deliveries.wakeWorkersOnCommit();
      return expanded;
    });
    if (progress?.done) {
      const { articleId, channel, queued, withdrawn } = progress;
      this.logger.log({ articleId, channel, queued, withdrawn }, withdrawn ? 'fan-out stopped: the article was withdrawn' : 'fan-out complete');
    }
    return progress;
  }
}
