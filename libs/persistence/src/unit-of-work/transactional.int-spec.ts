import { Global, Injectable, Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';
import { buildDataSourceOptions } from '../data-source';
import { Transactional } from './transactional';
import { UnitOfWork } from './unit-of-work';
import { UnitOfWorkModule } from './unit-of-work.module';

/** A provider with transaction boundaries, as a use case has them; it never sees the UnitOfWork. */
@Injectable()
class Notebook {
  @Transactional()
  async write(...texts: string[]): Promise<string> {
    for (const text of texts) await this.insert(text);
    return (await this.open().query<{ name: string }[]>("SELECT current_setting('application_name') AS name"))[0].name;
  }

  @Transactional()
  async writeThenFail(text: string): Promise<never> {
    await this.insert(text);
    throw new Error(`failed after ${text}`);
  }

  @Transactional({ isolation: 'SERIALIZABLE' })
  async isolation(): Promise<string> {
    return (await this.open().query<{ level: string }[]>("SELECT current_setting('transaction_isolation') AS level"))[0].level;
  }

  private insert(text: string): Promise<unknown> {
    return this.open().query('INSERT INTO notes (text) VALUES ($1)', [text]);
  }

  /** This application's open unit; throws when the method runs in none, or in another application's. */
  private open() {
    return this.unit.requireActive('Notebook');
  }

  unit!: UnitOfWork;
}

@Global()
@Module({})
class DataSourceModule {
  static of(dataSource: DataSource): DynamicModule {
    return { module: DataSourceModule, providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] };
  }
}

describe(Transactional.name, () => {
  let db: TestDatabase;
  const dataSources: DataSource[] = [];
  const contexts: INestApplicationContext[] = [];

  async function application(name: string, init = true): Promise<{ notebook: Notebook; unit: UnitOfWork; dataSource: DataSource }> {
    const dataSource = new DataSource(buildDataSourceOptions({ url: db.url, schema: 'public', applicationName: name, entities: [], migrations: [] }));
    await dataSource.initialize();
    dataSources.push(dataSource);
    const compiled = await Test.createTestingModule({ imports: [DataSourceModule.of(dataSource), UnitOfWorkModule], providers: [Notebook] }).compile();
    const context = init ? await compiled.init() : compiled;
    contexts.push(context);
    const notebook = context.get(Notebook);
    notebook.unit = context.get(UnitOfWork);
    return { notebook, unit: notebook.unit, dataSource };
  }

  let app: Awaited<ReturnType<typeof application>>;
  const texts = async () => ((await app.dataSource.query('SELECT text FROM notes ORDER BY id')) as { text: string }[]).map((r) => r.text);

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_tx');
    app = await application('tx-first');
    await app.dataSource.query('CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    for (const dataSource of dataSources) if (dataSource.isInitialized) await dataSource.destroy();
    await db.drop();
  });
  beforeEach(() => app.dataSource.query('TRUNCATE notes'));

  it('commits every write of the method together when it resolves', async () => {
    await app.notebook.write('a', 'b');
    expect(await texts()).toEqual(['a', 'b']);
  });

  it('rolls back every write when the method throws, and passes the error on', async () => {
    await expect(app.notebook.writeThenFail('a')).rejects.toThrow('failed after a');
    expect(await texts()).toEqual([]);
  });

  it('joins an outer unit: the method does not commit on its own', async () => {
    await expect(
      app.unit.run(async () => {
        await app.notebook.write('inner');
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await texts()).toEqual([]);
  });

  it('opens its unit at the isolation level asked for', async () => {
    expect(await app.notebook.isolation()).toBe('serializable');
  });

  it('refuses to run, clearly, before the unit-of-work module is initialised', async () => {
    const early = await application('tx-not-initialised', false);
    await expect(early.notebook.write('early')).rejects.toThrow(/Notebook\.write is @Transactional\(\) but has no unit of work.*after the application is initialised/);
    await expect(new Notebook().write('made with new')).rejects.toThrow('Notebook.write is @Transactional()');
    expect(await texts()).toEqual([]);
  });

  it("runs each application's instances in that application's own unit of work", async () => {
    const second = await application('tx-second');
    expect(await second.notebook.write('second')).toBe('tx-second');
    expect(await app.notebook.write('first')).toBe('tx-first');
    expect(await texts()).toEqual(['second', 'first']);
  });
});
