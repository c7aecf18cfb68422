import type { Agent } from 'node:https';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NotificationsConfig } from '../config/notifications.config';
import { PUSH_HTTPS_AGENT } from './push-https-agent.token';
import { SubscriberLinks } from './links/subscriber-links';
import { Mailer } from './mail/mailer';
import { NOTIFICATIONS_CONFIG } from './notifications-config.token';

export interface NotificationsOverrides {
  /** An https.Agent for push requests (e.g. one that trusts a test push service's certificate). */
  pushHttpsAgent?: Agent;
}

/** The service's configuration, signed links and SMTP transport, for both features. */
@Module({})
export class SharedModule {
  static forRoot(config: NotificationsConfig, overrides: NotificationsOverrides = {}): DynamicModule {
    const providers = [
      { provide: NOTIFICATIONS_CONFIG, useValue: config },
      { provide: PUSH_HTTPS_AGENT, useValue: overrides.pushHttpsAgent ?? null },
      SubscriberLinks,
      Mailer,
    ];
    return { module: SharedModule, global: true, providers, exports: providers };
  }
}
