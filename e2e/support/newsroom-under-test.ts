import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import { issueToken, type Role } from '@newsroom/auth';
import { startSecuredNewsroomBroker, type SecuredNewsroomBroker } from '@newsroom/test-harness';
import {
  DESK,
  SERVICE_NAMES,
  TEST_SIGNING_JWK,
  WORKSPACE_ROOT,
  createTestDatabase,
  freePort,
  newsroomServiceEnvironment,
  startLocalBroker,
  startMailCatcher,
  startPushInbox,
  startServiceProcess,
  testJwksFile,
  testSigningKeyFile,
  type LocalBroker,
  type MailCatcher,
  type PushInbox,
  type ProcessName,
  type ServiceName,
  type ServiceProcess,
  type TestDatabase,
} from '@newsroom/testing';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The desk's first admin in the end-to-end newsroom (DESK_INITIAL_ADMIN_*). */
export const E2E_DESK_ADMIN = { email: 'admin@newsroom.test', password: 'end-to-end admin password' };

/**
 * The four services as separate processes, built from dist/, on a fresh
 * database and a fresh local broker, with a real SMTP catcher and a push inbox;
 * with all four, the desk too (signing with the test key the services trust).
 */
export class NewsroomUnderTest {
  private constructor(
    readonly db: TestDatabase,
    readonly broker: LocalBroker,
    readonly mail: MailCatcher,
    readonly push: PushInbox,
    readonly services: Record<ServiceName, ServiceProcess> & { desk?: ServiceProcess },
    readonly logDir: string,
    /** Each service's environment, so a fault test can start it again as it was. */
    private readonly environment: Record<ProcessName, Record<string, string>>,
  ) {}

  /**
   * Starts all four services, or only those named. With `securedKafka`, the
   * broker is a SASL_SSL one with the access table's ACLs, and each service
   * logs in as its own principal with the CA file (`securedBroker`). `adminUrl`
   * puts the database on another PostgreSQL than the machine's. The desk starts
   * with all four services unless `desk` is false.
   */
  static async start(
    only: readonly ServiceName[] = SERVICE_NAMES,
    options: { securedKafka?: boolean; adminUrl?: string; desk?: boolean } = {},
  ): Promise<NewsroomUnderTest> {
    const withDesk = options.desk ?? SERVICE_NAMES.every((name) => only.includes(name));
    const db = await createTestDatabase('newsroom_e2e', options.adminUrl);
    const secured = options.securedKafka ? await startSecuredNewsroomBroker() : undefined;
    const broker: LocalBroker = secured ?? (await startLocalBroker());
    const mail = await startMailCatcher();
    const push = await startPushInbox();
    // Kept after the run (tmp/ is git-ignored) so a failure can be read afterwards.
    mkdirSync(path.join(WORKSPACE_ROOT, 'tmp/e2e-logs'), { recursive: true });
    const logDir = mkdtempSync(path.join(WORKSPACE_ROOT, 'tmp/e2e-logs', `${new Date().toISOString().replace(/[:.]/g, '-')}-`));
    const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<
      ServiceName,
      number
    >;
    const desk = withDesk ? { port: await freePort(), signingKeyFile: testSigningKeyFile(), initialAdmin: E2E_DESK_ADMIN } : undefined;
    const environment = newsroomServiceEnvironment({
      databaseUrl: db.url,
      brokers: broker.brokers,
      jwksFile: testJwksFile(),
      desk,
      publicHost: '127.0.0.1',
      ports,
      smtpUrl: mail.smtpUrl,
      pushCaFile: push.caFile,
      pushOrigin: push.origin,
      vapid: webpush.generateVAPIDKeys(),
      subscriberLinkSecret: 'end-to-end-subscriber-link-secret',
      mailDomain: 'newsroom.test',
      nodeEnv: 'test',
    });
    const envOf = Object.fromEntries(SERVICE_NAMES.map((name) => [name, { ...environment[name], ...secured?.envOf(name) }])) as Record<
      ProcessName,
      Record<string, string>
    >;
    if (environment.desk) envOf.desk = { ...environment.desk, ...secured?.envOf(DESK) };
    const names: ProcessName[] = withDesk ? [...only, DESK] : [...only];
    const started = await Promise.all(
      names.map(async (name) => [name, await startServiceProcess(name, envOf[name], { logDir, readyTimeoutMs: 90_000 })] as const),
    );
    const services = Object.fromEntries(started) as Record<ServiceName, ServiceProcess> & { desk?: ServiceProcess };
    return new NewsroomUnderTest(db, broker, mail, push, services, logDir, envOf);
  }

  /** The variables `service` runs with (its port, URLs, database and broker). */
  env(service: ProcessName): Readonly<Record<string, string>> {
    return this.environment[service];
  }

  /** Sends `signal` to a service's process and waits until it has exited. */
  async kill(service: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.services[service].process;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /**
   * Starts a service again (after `kill`) with the same environment, port and log file, and waits
   * until it is ready (`waitFor: 'live'`: only serving; its consumer may still be joining, which
   * after a kill waits out the dead member's session, while its background work already runs).
   */
  async restart(service: ServiceName, options: { waitFor?: 'ready' | 'live' } = {}): Promise<void> {
    await this.kill(service, 'SIGTERM');
    this.services[service] = await startServiceProcess(service, this.environment[service], { logDir: this.logDir, readyTimeoutMs: 90_000, waitFor: options.waitFor });
  }

  /** The secured broker, when started with `securedKafka`. */
  get securedBroker(): SecuredNewsroomBroker {
    if (!('envOf' in this.broker)) throw new Error('this newsroom runs on a plaintext broker; start it with { securedKafka: true }');
    return this.broker as SecuredNewsroomBroker;
  }

  url(service: ProcessName, pathname = ''): string {
    const process = this.services[service];
    if (!process) throw new Error(`${service} is not running in this newsroom`);
    return `${process.baseUrl}${pathname}`;
  }

  token(role: Role | Role[], userId: string): string {
    return issueToken({ id: userId, roles: Array.isArray(role) ? role : [role] }, TEST_SIGNING_JWK);
  }

  /** A JSON request as `userId` with `role` (or anonymous when role is null). */
  async call<T = unknown>(
    service: ServiceName,
    method: string,
    pathname: string,
    as: { role: Role | Role[]; user: string } | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(this.url(service, pathname), {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${this.token(as.role, as.user)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (an HTML page)
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async stop(): Promise<void> {
    await Promise.all(Object.values(this.services).map((service) => service.stop()));
    await Promise.all([this.mail.stop(), this.push.stop(), this.broker.stop()]);
    await this.db.drop();
  }
}

/** The one polling helper of the test harness, re-exported for the suites' convenience. */
export { eventually } from '@newsroom/test-harness';
