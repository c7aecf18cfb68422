import { AsyncLocalStorage } from 'node:async_hooks';
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

  it('runs each after-commit callback in the async context it was added from, no longer in the unit', async () => {
    // As a consumer's events sharing one transaction each keep their own trace.
    const trace = new AsyncLocalStorage<string>();
    const seen: [string | undefined, boolean][] = [];
    await unit.run(async () => {
      for (const event of ['event 1', 'event 2']) await trace.run(event, async () => unit.afterCommit(() => seen.push([trace.getStore(), unit.active])));
    });
    expect(seen).toEqual([
      ['event 1', false],
      ['event 2', false],
    ]);
  });

  it('runs before-commit steps in the transaction, after the work and in the order added, including steps they add', async () => {
    const seen: string[] = [];
    await unit.run(async () => {
      unit.beforeCommit(async () => {
        await insert('first step');
        unit.beforeCommit(async () => void (await insert('added by the first step')));
      });
      unit.beforeCommit(async () => {
        // Still the unit's transaction: it sees the work's uncommitted row, which other connections do not.
        seen.push(...(await unit.manager.query<{ text: string }[]>('SELECT text FROM notes ORDER BY id')).map((r) => r.text));
        await insert('second step');
      });
      await insert('work');
      expect(await texts()).toEqual([]);
    });
    expect(seen).toEqual(['work', 'first step']);
    expect(await texts()).toEqual(['work', 'first step', 'second step', 'added by the first step']);
  });

  it('joins before-commit steps added in a nested run() to the outermost unit', async () => {
    await unit.run(async () => {
      await unit.run(async () => unit.beforeCommit(async () => void (await insert('nested step'))));
      await insert('after the nested run');
    });
    expect(await texts()).toEqual(['after the nested run', 'nested step']);
  });

  it('rolls back everything, runs no after-commit callback and rejects with its error when a before-commit step throws', async () => {
    const calls: string[] = [];
    await expect(
      unit.run(async () => {
        await insert('work');
        unit.beforeCommit(async () => {
          await insert('step');
          throw new Error('step fails');
        });
        unit.afterCommit(() => calls.push('committed'));
      }),
    ).rejects.toThrow('step fails');
    expect(await texts()).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('runs no before-commit step when the work throws', async () => {
    let ran = false;
    await expect(
      unit.run(async () => {
        unit.beforeCommit(async () => void (ran = true));
        throw new Error('work fails');
      }),
    ).rejects.toThrow('work fails');
    expect(ran).toBe(false);
  });

  it('refuses a before-commit step outside a unit', () => {
    expect(() => unit.beforeCommit(async () => undefined)).toThrow('UnitOfWork.beforeCommit must run inside UnitOfWork.run()');
  });

  it('refuses writes that need a unit outside one', () => {
    expect(() => unit.requireActive('Outbox.record')).toThrow('Outbox.record must run inside UnitOfWork.run()');
  });
});
