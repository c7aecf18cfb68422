import type { Agent } from 'node:https';
import { ServiceUnderTest, TestEventBus } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { startNotifications } from '../src/notifications.service';
import { FakePushService } from './fake-push-service';
import { FakeSmtpServer } from './fake-smtp-server';

/** The site the readers subscribe from, and the service's own public origin (its links in alerts). */
export const TEST_SITE = 'https://news.example.test';
export const TEST_PUBLIC_BASE_URL = 'https://alerts.example.test';

export interface NotificationsUnderTestOptions {
  /** The service's database name; also makes the suite's own link secret, so one suite's signed links never open another's. */
  name: string;
  brokers: string[];
  /** Where the service sends mail (a FakeSmtpServer's url). */
  smtpUrl: string;
  /** Variables added to or replacing the defaults (sections, limits, proxies, push hosts). */
  env?: Record<string, string>;
  /** The agent web pushes go through, for a fake push service with a test CA. */
  pushHttpsAgent?: Agent;
}

/**
 * Starts the notifications service in the spec's process (ServiceUnderTest) with the two
 * public origins above, mail through `smtpUrl` and a fixed VAPID key pair (RFC 8292; for tests
 * only). Rejects as the service does when a variable is invalid.
 */
export function startNotificationsUnderTest(options: NotificationsUnderTestOptions): Promise<ServiceUnderTest> {
  const { name, brokers, smtpUrl, env = {}, pushHttpsAgent } = options;
  return ServiceUnderTest.start({
    name,
    schema: 'notifications',
    brokers,
    env: {
      PUBLIC_BASE_URL: TEST_PUBLIC_BASE_URL,
      PUBLIC_SITE_URL: TEST_SITE,
      SMTP_URL: smtpUrl,
      VAPID_PUBLIC_KEY: 'BG6j09tp-1QGepKlSTIVV7XmeR_PVcVumLjNH32uFL1DtmiQcL-Emg82UYX2hvin21VJjVsbKxwElupXTvKqhN8',
      VAPID_PRIVATE_KEY: 'egvFAYkDn7HLilhKO7BV2np_0P_NhHL00IZnjPIQVgY',
      SUBSCRIBER_LINK_SECRET: `${name}-subscriber-link-secret`,
      ...env,
    },
    boot: (variables) => startNotifications(variables, pushHttpsAgent ? { pushHttpsAgent } : {}),
  });
}

/** A suite's own broker, SMTP server, service and event bus; `close()` stops whichever started. */
export interface NotificationsWithMail {
  broker: LocalBroker;
  smtp: FakeSmtpServer;
  service: ServiceUnderTest;
  bus: TestEventBus;
  close(): Promise<void>;
}

/** The same with a push service of its own, which the service may send to (PUSH_SERVICE_HOSTS). */
export interface NotificationsWithMailAndPush extends NotificationsWithMail {
  push: FakePushService;
}

/**
 * Starts a broker and an SMTP server side by side, then the service on them (env as for
 * startNotificationsUnderTest) and an event bus. If a start fails, what did start is stopped.
 */
export async function startNotificationsWithMail(name: string, env?: Record<string, string>): Promise<NotificationsWithMail> {
  return startSuite(name, env, false);
}

/** startNotificationsWithMail, with a FakePushService started beside the SMTP server and allowed by the service. */
export function startNotificationsWithMailAndPush(name: string, env?: Record<string, string>): Promise<NotificationsWithMailAndPush> {
  return startSuite(name, env, true) as Promise<NotificationsWithMailAndPush>;
}

async function startSuite(name: string, env: Record<string, string> = {}, withPush: boolean): Promise<NotificationsWithMail & { push?: FakePushService }> {
  const started: Partial<NotificationsWithMailAndPush> = {};
  const close = async () => {
    await started.bus?.close();
    await started.service?.close();
    await Promise.all([started.smtp?.stop(), started.push?.stop()]);
    await started.broker?.stop();
  };
  try {
    await Promise.all([
      startLocalBroker().then((broker) => (started.broker = broker)),
      FakeSmtpServer.start().then((smtp) => (started.smtp = smtp)),
      withPush ? FakePushService.start().then((push) => (started.push = push)) : undefined,
    ]);
    const { broker, smtp, push } = started as NotificationsWithMailAndPush;
    started.service = await startNotificationsUnderTest({
      name,
      brokers: broker.brokers,
      smtpUrl: smtp.url,
      // The fake push service listens on loopback: allowed by its exact address and port, nothing else local.
      env: push ? { PUSH_SERVICE_HOSTS: `fcm.googleapis.com,${new URL(push.baseUrl).host}`, ...env } : env,
      pushHttpsAgent: push?.agent,
    });
    started.bus = new TestEventBus(broker.brokers);
    return { broker, smtp, push, service: started.service, bus: started.bus, close };
  } catch (error) {
    await close();
    throw error;
  }
}
