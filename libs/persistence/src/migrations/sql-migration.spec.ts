import { SqlMigration } from './sql-migration';

class CreateThings1764999999999 extends SqlMigration {
  protected readonly upStatements = [`CREATE TABLE things (id int)`];
  protected readonly downStatements = [`DROP TABLE things`];
}

describe(SqlMigration.name, () => {
  it("is named after its class, timestamp included, as TypeORM records and orders it", () => {
    const migration = new CreateThings1764999999999();
    expect(migration.name).toBe('CreateThings1764999999999');
    expect(Number(migration.name.slice(-13))).toBe(1764999999999);
  });

  it('runs its statements in order, up and down', async () => {
    const ran: string[] = [];
    const runner = { query: async (sql: string) => void ran.push(sql) } as never;
    const migration = new CreateThings1764999999999();
    await migration.up(runner);
    await migration.down(runner);
    expect(ran).toEqual(['CREATE TABLE things (id int)', 'DROP TABLE things']);
  });
});
