import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@newsroom/testing';
import { buildDataSourceOptions } from '../data-source';
import { UnitOfWork } from './unit-of-work';

describe(UnitOfWork.name, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let unit: UnitOfWork;

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_uow');
    dataSource = new DataSource(buildDataSourceOptions({ url: db.url, schema: 'public', applicationName: 'uow-test', entities: [], migrations: [] }));
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)');
    unit = new UnitOfWork(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(() => dataSource.query('TRUNCATE notes'));

  const insert = (text: string) => unit.manager.query('INSERT INTO notes (text) VALUES ($1)', [text]);
  const texts = async () => ((await dataSource.query('SELECT text FROM notes ORDER BY id')) as { text: string }[]).map((r) => r.text);

  it('commits every write made inside run() together', async () => {
    await unit.run(async () => {
      await insert('a');
      await insert('b');
    });
    expect(await texts()).toEqual(['a', 'b']);
  });

  it('rolls back every write when the work throws', async () => {
    await expect(
      unit.run(async () => {
        await insert('a');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await texts()).toEqual([]);
  });

  it('joins an outer unit: a nested run() does not commit on its own', async () => {
    await expect(
      unit.run(async () => {
        await unit.run(() => insert('inner'));
        expect(unit.active).toBe(true);
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await texts()).toEqual([]);
  });

  it('keeps concurrent units apart', async () => {
    const slow = unit.run(async () => {
      await insert('slow');
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('slow fails');
    });
    const fast = unit.run(() => insert('fast'));
    await expect(slow).rejects.toThrow();
    await fast;
    expect(await texts()).toEqual(['fast']);
  });

  it('runs after-commit callbacks only after a commit', async () => {
    const calls: string[] = [];
    await unit.run(async () => {
      unit.afterCommit(() => calls.push('committed'));
      expect(calls).toEqual([]);
    });
    await unit
      .run(async () => {
        unit.afterCommit(() => calls.push('rolled back'));
        throw new Error('no');
      })
      .catch(() => undefined);
    expect(calls).toEqual(['committed']);
  });

  it('refuses writes that need a unit outside one', () => {
    expect(() => unit.requireActive('Outbox.record')).toThrow('Outbox.record must run inside UnitOfWork.run()');
  });
});
