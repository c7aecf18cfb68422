import type { INestApplication, Type } from '@nestjs/common';
import { Client } from 'pg';
import type { Role } from '@newsroom/auth';
import { createTestDatabase, freePort, type TestDatabase } from '@newsroom/testing';
import { eventually } from './eventually';
import { HttpClient, testJwtJwksFile } from './http-client';

export interface ServiceUnderTestOptions {
  /** Prefix of the test database's name. */
  name: string;
  /** The service's schema, for `sql()` and `inboxHas()`. */
  schema: string;
  brokers: string[];
  /**
   * Starts the service in this process from an env map (the same variables
   * the service reads in production): typically
   * `(env) => bootstrapService(AppModule.register(config), xService(config), config.runtime)`.
   */
  boot(env: Record<string, string>): Promise<INestApplication>;
  /** Extra variables on top of PORT, DATABASE_URL, KAFKA_BROKERS, JWT_JWKS_FILE and LOG_LEVEL. */
  env?: Record<string, string>;
}

/**
 * One service running in the test process against the real PostgreSQL (a
 * database of its own) and the real broker, reachable over HTTP on a free port.
 * It can be stopped and started again on the same database, as after a crash.
 */
export class ServiceUnderTest {
  private app?: INestApplication;
  private sqlClient?: Client;

  private constructor(
    private readonly options: ServiceUnderTestOptions,
    readonly db: TestDatabase,
    readonly port: number,
  ) {}

  static async start(options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
    const [db, port] = await Promise.all([createTestDatabase(options.name), freePort()]);
    const service = new ServiceUnderTest(options, db, port);
    await service.boot();
    return service;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get env(): Record<string, string> {
    return {
      PORT: String(this.port),
      DATABASE_URL: this.db.url,
      KAFKA_BROKERS: this.options.brokers.join(','),
      JWT_JWKS_FILE: testJwtJwksFile(),
      LOG_LEVEL: 'error',
      ...this.options.env,
    };
  }

  /** A client signed in with `roles` as `userId`. */
  as(roles: Role | Role[], userId: string): HttpClient {
    return HttpClient.signedIn(this.baseUrl, roles, userId);
  }

  /**
   * One of the running service's providers, for a spec that has to act between two steps of
   * the service's own work (a write landing between two reads); throws while it is stopped.
   */
  provider<T>(token: Type<T>): T {
    if (!this.app) throw new Error(`${this.options.name} is not running`);
    return this.app.get(token);
  }

  /** A client without credentials (the public, a subscriber). */
  get anonymous(): HttpClient {
    return new HttpClient(this.baseUrl);
  }

  /** SQL against the service's own schema. */
  async sql<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
    if (!this.sqlClient) {
      this.sqlClient = new Client({ connectionString: this.db.url });
      await this.sqlClient.connect();
      await this.sqlClient.query(`SET search_path TO "${this.options.schema}"`);
    }
    return (await this.sqlClient.query<R>(text, params)).rows;
  }

  /** Resolves once the service's inbox recorded `eventId`: it was handled, whatever the outcome. */
  handled(eventId: string, timeoutMs = 30_000): Promise<true> {
    return eventually(`inbox entry for event ${eventId}`, async () => (await this.sql('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length === 1 || undefined, { timeoutMs });
  }

  async boot(): Promise<void> {
    this.app = await this.options.boot(this.env);
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.boot();
  }

  /** Stops the service and drops its database. */
  async close(): Promise<void> {
    await this.stop();
    await this.sqlClient?.end().catch(() => undefined);
    await this.db.drop();
  }
}
