import { Global, Module, type DynamicModule, type INestApplicationContext, type Provider, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import type { EntitySchema, MixedList } from 'typeorm';
import { SERVICE_RUNTIME_CONFIG, type ServiceRuntimeConfig } from '@newsroom/config';
import type { NewsroomEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { PersistenceModule, UnitOfWork } from '@newsroom/persistence';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';

export interface UseCaseTestbedOptions {
  /** Prefix of the test database's name, e.g. `drafting_uc`. */
  name: string;
  /** The service's schema, e.g. `drafting`. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Use cases, repositories and whatever else they inject. */
  providers: Provider[];
  imports?: DynamicModule['imports'];
}

/**
 * A service's use cases wired to the real PostgreSQL (a database of their own,
 * migrated with the service's real migrations), the unit of work and the
 * outbox — no HTTP, no broker. A use-case spec builds a command, runs it, and
 * reads the outcome from the tables and the recorded events.
 */
export class UseCaseTestbed {
  private constructor(
    private readonly context: INestApplicationContext,
    readonly db: TestDatabase,
    readonly schema: string,
    private readonly sql: Client,
  ) {}

  static async start(options: UseCaseTestbedOptions): Promise<UseCaseTestbed> {
    const db = await createTestDatabase(options.name);
    const runtime: ServiceRuntimeConfig = {
      serviceName: options.schema,
      port: 0,
      databaseUrl: db.url,
      databaseSchema: options.schema,
      kafkaBrokers: ['127.0.0.1:1'],
      logLevel: 'error',
    };
    const moduleRef = await Test.createTestingModule({
      imports: [
        RuntimeConfigModule.with(runtime),
        PersistenceModule.forService({ entities: options.entities, migrations: options.migrations }),
        OutboxOnlyModule,
        ...(options.imports ?? []),
      ],
      providers: options.providers,
    }).compile();
    const context = await moduleRef.init();
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`SET search_path TO "${options.schema}"`);
    return new UseCaseTestbed(context, db, options.schema, sql);
  }

  get<T>(type: Type<T> | string | symbol): T {
    return this.context.get<T>(type as Type<T>);
  }

  get unitOfWork(): UnitOfWork {
    return this.get(UnitOfWork);
  }

  /** Runs SQL against the service's schema (search_path is set). */
  async query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
    return (await this.sql.query<R>(text, params)).rows;
  }

  /** Events recorded in the outbox, oldest first; optionally only those about `articleId`. */
  async recordedEvents(articleId?: string): Promise<NewsroomEvent[]> {
    const rows = await this.query<{ payload: NewsroomEvent }>(
      `SELECT payload FROM outbox ${articleId ? 'WHERE message_key = $1' : ''} ORDER BY seq`,
      articleId ? [articleId] : [],
    );
    return rows.map((row) => row.payload);
  }

  /** Empties every table of the service's schema except the migrations log. */
  async reset(): Promise<void> {
    const tables = await this.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'migrations'`, [this.schema]);
    if (tables.length > 0) await this.sql.query(`TRUNCATE ${tables.map((t) => `"${this.schema}"."${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  }

  async close(): Promise<void> {
    await this.sql.end().catch(() => undefined);
    await this.context.close();
    await this.db.drop();
  }
}

@Global()
@Module({})
class RuntimeConfigModule {
  static with(runtime: ServiceRuntimeConfig): DynamicModule {
    return { module: RuntimeConfigModule, providers: [{ provide: SERVICE_RUNTIME_CONFIG, useValue: runtime }], exports: [SERVICE_RUNTIME_CONFIG] };
  }
}

/** The outbox without its relay: events stay in the table for the test to read. */
@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
class OutboxOnlyModule {}
