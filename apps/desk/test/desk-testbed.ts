import type { UseCaseTestbed, UseCaseTestbedOptions } from '@newsroom/test-harness';
import { SeedInitialAdminUseCase } from '../src/accounts/use-cases/seed-initial-admin/seed-initial-admin.use-case';
import type { NewSession } from '../src/accounts/use-cases/session-result';
import { SignInCommand } from '../src/accounts/use-cases/sign-in/sign-in.command';
import { SignInUseCase } from '../src/accounts/use-cases/sign-in/sign-in.use-case';
import { DESK_ENTITIES, DESK_PROVIDERS } from '../src/app.module';
import { loadDeskConfig, type DeskConfig } from '../src/config/desk.config';
import { DESK_MIGRATIONS } from '../src/migrations';
import { DESK_CONFIG } from '../src/shared/desk-config.token';
import { InvitationMailer, type Invitation } from '../src/shared/invitation-mailer';

/** Keeps the invitations instead of sending them; while `failure` is set, refuses each as a mail server would. */
export class RecordingInvitationMailer {
  readonly sent: Invitation[] = [];
  failure?: Error;

  async send(invitation: Invitation): Promise<void> {
    if (this.failure) throw this.failure;
    this.sent.push(invitation);
  }
}

/** The desk's configuration for use-case specs; `env` adds or overrides settings (the identity provider's). */
export function testDeskConfig(env: Record<string, string> = {}): DeskConfig {
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
    ...env,
  });
}

/** The desk's use cases on a database of their own, with a recording mailer; `env` as for testDeskConfig. */
export function deskTestbed(name: string, mailer = new RecordingInvitationMailer(), env: Record<string, string> = {}): UseCaseTestbedOptions {
  return {
    name,
    schema: 'desk',
    entities: DESK_ENTITIES,
    migrations: DESK_MIGRATIONS,
    providers: [...DESK_PROVIDERS.filter((provider) => provider !== InvitationMailer), { provide: InvitationMailer, useValue: mailer }, { provide: DESK_CONFIG, useValue: testDeskConfig(env) }],
  };
}

/** The admin the desk seeds on a fresh database, signed in with a password: their account id and session. */
export async function signedInAdmin(testbed: UseCaseTestbed): Promise<{ adminId: string; session: NewSession }> {
  const admin = { email: 'admin@desk.test', password: 'a long admin password' };
  await testbed.get(SeedInitialAdminUseCase).execute(admin);
  const session = await testbed.get(SignInUseCase).execute(SignInCommand.create(admin));
  return { adminId: session.user.id, session };
}
