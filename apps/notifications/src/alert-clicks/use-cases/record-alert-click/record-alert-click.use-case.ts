import { Injectable } from '@nestjs/common';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import type { RecordAlertClickCommand } from './record-alert-click.command';

/**
 * Counts one click-through on an alert (the service worker reports each opened push
 * notification). Only alerts this service knows are counted, so the table cannot be filled
 * with made-up ids; the caller is told nothing either way. No reader is identified: the count
 * is per alert and channel, and the request's address is only the rate limit's.
 */
@Injectable()
export class RecordAlertClickUseCase {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @Transactional()
  async execute(command: RecordAlertClickCommand): Promise<void> {
    await this.unitOfWork.requireActive('record an alert click').query(
      `INSERT INTO alert_clicks (article_id, channel, clicks)
       SELECT article_id, $2, 1 FROM article_alerts WHERE article_id = $1
       ON CONFLICT (article_id, channel) DO UPDATE SET clicks = alert_clicks.clicks + 1, last_click_at = now()`,
      [command.articleId.toLowerCase(), command.channel],
    );
  }
}
