import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './naming-strategy';
import { InboxEntryEntity } from './inbox/inbox-entry.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

export interface ServiceDataSourceConfig {
  /** postgres://user@host:port/database */
  url: string;
  /** The PostgreSQL schema the service owns, e.g. `drafting`. */
  schema: string;
  /** Shown in pg_stat_activity; helps tell the services apart. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * TypeORM options for one service. The schema is also the connection's
 * search_path, so migrations can use unqualified table names. `synchronize` is
 * never on: the schema changes only through migrations.
 */
export function buildDataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  assertSafeIdentifier(config.schema);
  return {
    type: 'postgres',
    url: config.url,
    schema: config.schema,
    applicationName: config.applicationName,
    entities: [...asArray(config.entities), OutboxMessageEntity, InboxEntryEntity],
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: config.poolSize ?? 10,
    extra: { options: `-c search_path=${config.schema}` },
    logging: ['error', 'warn'],
  };
}

function asArray<T>(list: MixedList<T>): T[] {
  return Array.isArray(list) ? list : Object.values(list as Record<string, T>);
}

export function assertSafeIdentifier(identifier: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(identifier)) {
    throw new Error(`"${identifier}" is not a safe PostgreSQL identifier (lowercase letters, digits and _ only)`);
  }
}

/** The schema a service's data source was built with. */
export function schemaOf(dataSource: { options: DataSourceOptions }): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) throw new Error('the data source has no schema; build it with buildDataSourceOptions()');
  return schema;
}

/** The connection URL a service's data source was built with. */
export function urlOf(dataSource: { options: DataSourceOptions }): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('the data source has no url; build it with buildDataSourceOptions()');
  return url;
}
