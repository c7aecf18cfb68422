import type { Provider, Type } from '@nestjs/common';
import { SiteSectionsModule } from '@newsroom/site-sections';
import { NOTIFICATIONS_ENTITIES } from '../src/app.module';
import { AlertChannels } from '../src/alerts/channels/alert-channels';
import { publicSiteProvider } from '../src/alerts/alerts.module';
import { ArticleAlertRepository } from '../src/alerts/persistence/article-alert.repository';
import { DeliveryRepository } from '../src/alerts/persistence/delivery.repository';
import { CorrectAlertTextUseCase } from '../src/alerts/use-cases/correct-alert-text/correct-alert-text.use-case';
import { DeliverAlertUseCase } from '../src/alerts/use-cases/deliver-alert/deliver-alert.use-case';
import { FanOutAlertsUseCase } from '../src/alerts/use-cases/fan-out-alerts/fan-out-alerts.use-case';
import { ReadDeliveriesQuery } from '../src/alerts/use-cases/read-deliveries/read-deliveries.query';
import { WithdrawAlertsUseCase } from '../src/alerts/use-cases/withdraw-alerts/withdraw-alerts.use-case';
import { loadNotificationsConfig, type NotificationsConfig } from '../src/config/notifications.config';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import { SubscriberLinks } from '../src/shared/links/subscriber-links';
import { Mailer } from '../src/shared/mail/mailer';
import { NOTIFICATIONS_CONFIG } from '../src/shared/notifications-config.token';
import { SubscriptionRepository } from '../src/subscriptions/persistence/subscription.repository';
import { TagNameRepository } from '../src/subscriptions/persistence/tag-name.repository';
import { CheckPushSubscriptionQuery } from '../src/subscriptions/use-cases/check-push-subscription/check-push-subscription.query';
import { ConfirmSubscriptionUseCase } from '../src/subscriptions/use-cases/confirm-subscription/confirm-subscription.use-case';
import { ManagePreferencesUseCase } from '../src/subscriptions/use-cases/manage-preferences/manage-preferences.use-case';
import { ReadRecipientQuery } from '../src/subscriptions/use-cases/read-recipient/read-recipient.query';
import { SignUpByEmailUseCase } from '../src/subscriptions/use-cases/sign-up-by-email/sign-up-by-email.use-case';
import { SubscribePushUseCase } from '../src/subscriptions/use-cases/subscribe-push/subscribe-push.use-case';
import { ReplacePushEndpointUseCase } from '../src/subscriptions/use-cases/replace-push-endpoint/replace-push-endpoint.use-case';
import { UnsubscribeUseCase } from '../src/subscriptions/use-cases/unsubscribe/unsubscribe.use-case';
import { RecordingMailer } from './recording-mailer';
import { ScriptedAlertChannels } from './scripted-alert-channels';

/** The public site the specs' articles live on; alerts about any other URL are refused. */
export const TEST_SITE_URL = 'https://news.example.test';
/** Where the specs' subscriber links point. */
export const TEST_PUBLIC_BASE_URL = 'https://alerts.example.test';
/** SITE_SECTIONS as the specs configure it. */
export const TEST_SITE_SECTIONS = ['politics', 'business', 'climate', 'culture', 'sport'];
export const TEST_LINK_SECRET = 'use-case-spec-subscriber-link-secret';
/** The push service the fixtures' browsers use; the only one besides FCM the specs allow. */
export const TEST_PUSH_SERVICE = 'push.example.test';

/** The service's configuration as the specs run it (SMTP and VAPID are never used: the channels are scripted). */
export function testNotificationsConfig(): NotificationsConfig {
  return loadNotificationsConfig({
    DATABASE_URL: 'postgres://unused',
    KAFKA_BROKERS: '127.0.0.1:1',
    JWT_JWKS_FILE: 'unused-in-use-case-specs.json',
    PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
    PUBLIC_SITE_URL: TEST_SITE_URL,
    SMTP_URL: 'smtp://127.0.0.1:1',
    VAPID_PUBLIC_KEY: 'unused',
    VAPID_PRIVATE_KEY: 'unused',
    SUBSCRIBER_LINK_SECRET: TEST_LINK_SECRET,
    // The specs' readers follow these (and only these) sections.
    SITE_SECTIONS: TEST_SITE_SECTIONS.join(','),
    // The fixtures' browsers subscribe on push.example.test (browserSubscription()).
    PUSH_SERVICE_HOSTS: `${TEST_PUSH_SERVICE},fcm.googleapis.com`,
  });
}

/**
 * Options for UseCaseTestbed.start(): every notifications use case, query and
 * repository on a fresh database migrated with the service's migrations. The
 * SMTP transport is a RecordingMailer and the alert channels are
 * ScriptedAlertChannels (`testbed.get(Mailer)`, `testbed.get(AlertChannels)`).
 */
export function notificationsTestbed(name: string, extraProviders: Provider[] = []) {
  return {
    name,
    schema: 'notifications',
    entities: NOTIFICATIONS_ENTITIES,
    migrations: NOTIFICATIONS_MIGRATIONS,
    // SiteSectionList answers with TEST_SITE_SECTIONS until a spec stores a list.
    imports: [SiteSectionsModule.forService(testNotificationsConfig().siteSections)],
    providers: [
      { provide: NOTIFICATIONS_CONFIG, useValue: testNotificationsConfig() },
      { provide: Mailer, useClass: RecordingMailer },
      { provide: AlertChannels, useClass: ScriptedAlertChannels },
      publicSiteProvider,
      SubscriberLinks,
      SubscriptionRepository,
      TagNameRepository,
      ArticleAlertRepository,
      DeliveryRepository,
      SignUpByEmailUseCase,
      ConfirmSubscriptionUseCase,
      ManagePreferencesUseCase,
      SubscribePushUseCase,
      ReplacePushEndpointUseCase,
      CheckPushSubscriptionQuery,
      UnsubscribeUseCase,
      ReadRecipientQuery,
      FanOutAlertsUseCase,
      CorrectAlertTextUseCase,
      WithdrawAlertsUseCase,
      DeliverAlertUseCase,
      ReadDeliveriesQuery,
      ...extraProviders,
    ],
  };
}

/** What the fixtures need of a UseCaseTestbed (specs pass theirs in; nothing here starts one). */
export interface Testbed {
  get<T>(type: Type<T>): T;
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  reset(): Promise<void>;
}

/** The stand-ins for SMTP and the push services in a testbed built from notificationsTestbed(). */
export function fakesOf(testbed: Testbed): { mailer: RecordingMailer; channels: ScriptedAlertChannels } {
  return { mailer: testbed.get(Mailer) as unknown as RecordingMailer, channels: testbed.get(AlertChannels) as unknown as ScriptedAlertChannels };
}

/** Before each test: empty tables, and stand-ins that remember nothing and answer as scripted by default. */
export async function resetNotifications(testbed: Testbed): Promise<void> {
  await testbed.reset();
  const { mailer, channels } = fakesOf(testbed);
  mailer.clear();
  channels.clear();
}
