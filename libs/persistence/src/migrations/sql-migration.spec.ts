import type { QueryRunner } from 'typeorm';
import { SqlMigration } from './sql-migration';

class CreateShelves1764000000009 extends SqlMigration {
  protected readonly upStatements = [`CREATE TABLE shelves (id int PRIMARY KEY)`, `CREATE INDEX shelves_idx ON shelves (id)`];

  protected readonly downStatements = [`DROP INDEX shelves_idx`, `DROP TABLE shelves`];
}

/** A query runner that records what it is asked to run and fails on `failOn`. */
function recordingRunner(failOn?: string): { runner: QueryRunner; ran: unknown[][] } {
  const ran: unknown[][] = [];
  const runner = {
    query: async (...args: unknown[]) => {
      ran.push(args);
      if (args[0] === failOn) throw new Error(`refused: ${failOn}`);
      return [];
    },
  } as unknown as QueryRunner;
  return { runner, ran };
}

describe(SqlMigration.name, () => {
  it('is named after its class, timestamp included, as TypeORM records and orders it', () => {
    const migration = new CreateShelves1764000000009();
    expect(migration.name).toBe('CreateShelves1764000000009');
    expect(Number(migration.name.slice(-13))).toBe(1764000000009);
  });

  it('runs its up statements one at a time, in order, without parameters', async () => {
    const { runner, ran } = recordingRunner();
    await new CreateShelves1764000000009().up(runner);
    expect(ran).toEqual([[`CREATE TABLE shelves (id int PRIMARY KEY)`], [`CREATE INDEX shelves_idx ON shelves (id)`]]);
  });

  it('runs its down statements in order', async () => {
    const { runner, ran } = recordingRunner();
    await new CreateShelves1764000000009().down(runner);
    expect(ran).toEqual([[`DROP INDEX shelves_idx`], [`DROP TABLE shelves`]]);
  });

  it('stops at the first statement that fails and rejects with its error', async () => {
    const { runner, ran } = recordingRunner(`CREATE TABLE shelves (id int PRIMARY KEY)`);
    await expect(new CreateShelves1764000000009().up(runner)).rejects.toThrow('refused: CREATE TABLE shelves');
    expect(ran).toHaveLength(1);
  });
});
