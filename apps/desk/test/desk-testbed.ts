import type { UseCaseTestbedOptions } from '@newsroom/test-harness';
import { DESK_ENTITIES, DESK_PROVIDERS } from '../src/app.module';
import { loadDeskConfig, type DeskConfig } from '../src/config/desk.config';
import { DESK_MIGRATIONS } from '../src/migrations';
import { DESK_CONFIG } from '../src/shared/desk-config.token';
import { InvitationMailer, type Invitation } from '../src/shared/invitation-mailer';

/** Keeps the invitations instead of sending them. */
export class RecordingInvitationMailer {
  readonly sent: Invitation[] = [];

  async send(invitation: Invitation): Promise<void> {
    this.sent.push(invitation);
  }
}

export function testDeskConfig(): DeskConfig {
  return loadDeskConfig({
    DATABASE_URL: 'postgres://unused',
    KAFKA_BROKERS: '127.0.0.1:1',
    DESK_PUBLIC_URL: 'https://desk.example.test',
    DESK_SIGNING_KEY_FILE: 'unused-in-use-case-specs.jwk',
    DRAFTING_URL: 'http://drafting.test',
    EDITORIAL_REVIEW_URL: 'http://review.test',
    PUBLISHING_URL: 'http://publishing.test',
    NOTIFICATIONS_URL: 'http://notifications.test',
    SMTP_URL: 'smtp://127.0.0.1:1',
  });
}

/** The desk's use cases on a database of their own, with a recording mailer. */
export function deskTestbed(name: string, mailer = new RecordingInvitationMailer()): UseCaseTestbedOptions {
  return {
    name,
    schema: 'desk',
    entities: DESK_ENTITIES,
    migrations: DESK_MIGRATIONS,
    providers: [...DESK_PROVIDERS.filter((provider) => provider !== InvitationMailer), { provide: InvitationMailer, useValue: mailer }, { provide: DESK_CONFIG, useValue: testDeskConfig() }],
  };
}
