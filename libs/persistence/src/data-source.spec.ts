import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { assertSafeIdentifier, buildDataSourceOptions, schemaOf, urlOf, type ServiceDataSourceConfig } from './data-source';
import { InboxEntryEntity } from './inbox/inbox-entry.entity';
import { CreateOutboxAndInbox1764000000000 } from './migrations/create-outbox-and-inbox.migration';
import { SnakeNamingStrategy } from './naming-strategy';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';

class ArticleEntity {}
class RevisionEntity {}

const CONFIG: ServiceDataSourceConfig = {
  url: 'postgres://postgres@127.0.0.1:5432/newsroom',
  schema: 'drafting',
  applicationName: 'drafting',
  entities: [ArticleEntity, RevisionEntity],
  migrations: [CreateOutboxAndInbox1764000000000],
};

function build(overrides: Partial<ServiceDataSourceConfig> = {}): PostgresConnectionOptions {
  return buildDataSourceOptions({ ...CONFIG, ...overrides }) as PostgresConnectionOptions;
}

describe(assertSafeIdentifier.name, () => {
  it.each([['drafting'], ['editorial_review'], ['_private'], ['schema2'], ['a'.repeat(63)]])('accepts %p', (identifier) => {
    expect(() => assertSafeIdentifier(identifier)).not.toThrow();
  });

  it.each([['bad-name'], ['Drop;'], ['Drafting'], [''], ['2fast'], ['a b'], ['x"; DROP SCHEMA public; --'], ['a'.repeat(64)]])('rejects %p', (identifier) => {
    expect(() => assertSafeIdentifier(identifier)).toThrow(`"${identifier}" is not a safe PostgreSQL identifier`);
  });
});

describe(buildDataSourceOptions.name, () => {
  it('never synchronizes the schema and never runs migrations by itself', () => {
    const options = build();
    expect(options.synchronize).toBe(false);
    expect(options.migrationsRun).toBe(false);
  });

  it('connects to the service schema and makes it the search_path', () => {
    const options = build({ schema: 'editorial_review' });
    expect(options.type).toBe('postgres');
    expect(options.url).toBe(CONFIG.url);
    expect(options.schema).toBe('editorial_review');
    expect(options.extra).toEqual({ options: '-c search_path=editorial_review' });
  });

  it('refuses an unsafe schema name before it reaches the connection options', () => {
    expect(() => build({ schema: 'x -c statement_timeout=1' })).toThrow('not a safe PostgreSQL identifier');
  });

  it('appends the outbox and inbox entities to the service entities', () => {
    expect(build().entities).toEqual([ArticleEntity, RevisionEntity, OutboxMessageEntity, InboxEntryEntity]);
  });

  it('accepts the entities as an object, as a module namespace', () => {
    expect(build({ entities: { ArticleEntity, RevisionEntity } }).entities).toEqual([ArticleEntity, RevisionEntity, OutboxMessageEntity, InboxEntryEntity]);
  });

  it('does not change the list it was given', () => {
    const entities = [ArticleEntity];
    build({ entities });
    expect(entities).toEqual([ArticleEntity]);
  });

  it('keeps the migrations in a "migrations" table', () => {
    const options = build();
    expect(options.migrations).toEqual([CreateOutboxAndInbox1764000000000]);
    expect(options.migrationsTableName).toBe('migrations');
  });

  it('names tables and columns in snake_case and labels the connection', () => {
    const options = build();
    expect(options.namingStrategy).toBeInstanceOf(SnakeNamingStrategy);
    expect(options.applicationName).toBe('drafting');
  });

  it('uses a pool of ten connections unless told otherwise', () => {
    expect(build().poolSize).toBe(10);
    expect(build({ poolSize: 3 }).poolSize).toBe(3);
  });
});

describe(schemaOf.name, () => {
  it('reads the schema back', () => {
    expect(schemaOf({ options: build() })).toBe('drafting');
  });

  it('refuses a data source without a schema', () => {
    expect(() => schemaOf({ options: { type: 'postgres' } })).toThrow('the data source has no schema');
  });
});

describe(urlOf.name, () => {
  it('reads the url back', () => {
    expect(urlOf({ options: build() })).toBe(CONFIG.url);
  });

  it('refuses a data source without a url', () => {
    expect(() => urlOf({ options: { type: 'postgres' } })).toThrow('the data source has no url');
  });
});
