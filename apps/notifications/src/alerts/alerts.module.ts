import { Module } from '@nestjs/common';
import { AlertChannels } from './channels/alert-channels';
import { ArticleAlertRepository } from './persistence/article-alert.repository';
import { DeliveryRepository } from './persistence/delivery.repository';
import { DeliveriesHttpController } from './transport/deliveries.http.controller';
import { PublishingEventsConsumer } from './transport/publishing-events.consumer';
import { DeliverAlertUseCase } from './use-cases/deliver-alerts/deliver-alert.use-case';
import { DeliveryWorker } from './use-cases/deliver-alerts/delivery-worker';
import { FanOutAlertsUseCase } from './use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { ReadDeliveriesQuery } from './use-cases/read-deliveries/read-deliveries.query';

/** Article alerts: fan-out on publication, the delivery worker, and the delivery log. */
@Module({
  controllers: [PublishingEventsConsumer, DeliveriesHttpController],
  providers: [
    ArticleAlertRepository,
    DeliveryRepository,
    AlertChannels,
    FanOutAlertsUseCase,
    DeliverAlertUseCase,
    DeliveryWorker,
    ReadDeliveriesQuery,
  ],
})
export class AlertsModule {}
