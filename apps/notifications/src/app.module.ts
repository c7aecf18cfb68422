import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@newsroom/platform';
import { SiteSectionsModule } from '@newsroom/site-sections';
import { DeliveryQueueMetrics } from './alerts/alert-metrics';
import { AlertClicksModule } from './alert-clicks/alert-clicks.module';
import { AlertsModule } from './alerts/alerts.module';
import { ArticleAlertEntity } from './alerts/persistence/article-alert.entity';
import { DeliveryAttemptEntity } from './alerts/persistence/delivery-attempt.entity';
import { DeliveryEntity } from './alerts/persistence/delivery.entity';
import type { NotificationsConfig } from './config/notifications.config';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { SharedModule, type NotificationsOverrides } from './shared/shared.module';
import { PushSubscriptionEntity } from './subscriptions/persistence/push-subscription.entity';
import { SubscriberEntity } from './subscriptions/persistence/subscriber.entity';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

export const NOTIFICATIONS_ENTITIES = [SubscriberEntity, PushSubscriptionEntity, ArticleAlertEntity, DeliveryEntity, DeliveryAttemptEntity];

@Module({})
export class AppModule {
  /** `overrides` exist for in-process tests; the service itself never passes any. */
  static register(config: NotificationsConfig, overrides: NotificationsOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(config.runtime, { persistence: { entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS }, rateLimits: config.rateLimits }),
        SharedModule.forRoot(config, overrides),
        // SITE_SECTIONS until publishing's list arrives on the publishing topic.
        SiteSectionsModule.forService(config.siteSections),
        SubscriptionsModule,
        AlertsModule,
        AlertClicksModule,
      ],
      providers: [DeliveryQueueMetrics],
    };
  }
}
