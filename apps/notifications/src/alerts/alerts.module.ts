import { Module } from '@nestjs/common';
import type { NotificationsConfig } from '../config/notifications.config';
import { NOTIFICATIONS_CONFIG } from '../shared/notifications-config.token';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { AlertChannels } from './channels/alert-channels';
import { PublicSite } from './domain/public-site';
import { ArticleAlertRepository } from './persistence/article-alert.repository';
import { DeliveryRepository } from './persistence/delivery.repository';
import { DigestRepository } from './persistence/digest.repository';
import { DeliveriesHttpController } from './transport/deliveries.http.controller';
import { DeliveryWorker } from './transport/delivery-worker';
import { DigestScheduler } from './transport/digest-scheduler';
import { FanOutExpander } from './transport/fan-out-expander';
import { PublishingEventsConsumer } from './transport/publishing-events.consumer';
import { CorrectAlertTextUseCase } from './use-cases/correct-alert-text/correct-alert-text.use-case';
import { DeliverAlertUseCase } from './use-cases/deliver-alert/deliver-alert.use-case';
import { ExpandFanOutUseCase } from './use-cases/expand-fan-out/expand-fan-out.use-case';
import { FanOutAlertsUseCase } from './use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { ReadDeliveriesQuery } from './use-cases/read-deliveries/read-deliveries.query';
import { SendDigestsUseCase } from './use-cases/send-digests/send-digests.use-case';
import { WithdrawAlertsUseCase } from './use-cases/withdraw-alerts/withdraw-alerts.use-case';

/** The site alerts may link to, from PUBLIC_SITE_URL. */
export const publicSiteProvider = {
  provide: PublicSite,
  inject: [NOTIFICATIONS_CONFIG],
  useFactory: (config: NotificationsConfig) => new PublicSite(config.publicSiteUrl),
};

/** Article alerts: fan-out on publication, the delivery worker, daily digests, and the delivery log. */
@Module({
  imports: [SubscriptionsModule],
  controllers: [PublishingEventsConsumer, DeliveriesHttpController],
  providers: [
    publicSiteProvider,
    ArticleAlertRepository,
    DeliveryRepository,
    AlertChannels,
    FanOutAlertsUseCase,
    CorrectAlertTextUseCase,
    WithdrawAlertsUseCase,
    DeliverAlertUseCase,
    DeliveryWorker,
    ExpandFanOutUseCase,
    FanOutExpander,
    DigestRepository,
    SendDigestsUseCase,
    DigestScheduler,
    ReadDeliveriesQuery,
  ],
})
export class AlertsModule {}
