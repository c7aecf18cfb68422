import { Injectable, Logger } from '@nestjs/common';
import { Transactional, UnitOfWork } from '@newsroom/persistence';
import { recipientNotFound } from '../../domain/subscription.errors';
import { ERASED_ADDRESS_PREFIX } from '../search-subscribers/search-subscribers.query';
import type { EraseSubscriberCommand } from './erase-subscriber.command';

/**
 * Erases an email subscriber's personal data on request: the address, what they followed and
 * when they confirmed are gone, alerts still pending for them are cancelled, and the texts of
 * their deliveries' errors (an SMTP reply may quote the address) are cleared. The row itself
 * stays as an anonymous tombstone (`erased:<id>`, unsubscribed), so that every article's
 * delivery counts stay as they were. Erasing twice changes nothing more.
 * Errors: SUBSCRIBER.NOT_FOUND.
 */
@Injectable()
export class EraseSubscriberUseCase {
  private readonly logger = new Logger(EraseSubscriberUseCase.name);

  constructor(private readonly unitOfWork: UnitOfWork) {}

  @Transactional()
  async execute(command: EraseSubscriberCommand): Promise<void> {
    const manager = this.unitOfWork.requireActive('erase a subscriber');
    const id = command.subscriberId.toLowerCase();
    const found: unknown[] = await manager.query(`SELECT 1 FROM subscribers WHERE id = $1 FOR UPDATE`, [id]);
    if (found.length === 0) throw recipientNotFound();
    await manager.query(
      `UPDATE subscribers SET email = $2, status = 'unsubscribed', sections = '{}', tags = '{}', breaking_only = false,
              frequency = 'every-story', time_zone = 'UTC', quiet_hours_start = NULL, quiet_hours_end = NULL,
              link_sent_at = NULL, confirmed_at = NULL, unsubscribed_at = COALESCE(unsubscribed_at, now()), updated_at = now()
       WHERE id = $1`,
      [id, `${ERASED_ADDRESS_PREFIX}${id}`],
    );
    await manager.query(
      `UPDATE deliveries SET status = 'cancelled', last_error = 'subscriber erased before it was sent', next_attempt_at = now()
       WHERE subscriber_id = $1 AND status = 'pending'`,
      [id],
    );
    await manager.query(`UPDATE deliveries SET last_error = NULL WHERE subscriber_id = $1 AND status <> 'cancelled'`, [id]);
    await manager.query(`UPDATE delivery_attempts SET error = NULL WHERE delivery_id IN (SELECT id FROM deliveries WHERE subscriber_id = $1)`, [id]);
    this.logger.log({ subscriberId: id }, 'subscriber erased on request');
  }
}
