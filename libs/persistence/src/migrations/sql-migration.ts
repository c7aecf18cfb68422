import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that is nothing but SQL: the statements that apply it and the
 * statements that revert it, each list run in order (inside the migration's own
 * transaction, as the migration runner asks TypeORM for). A subclass only lists
 * its SQL, under a class name that ends in the migration's timestamp:
 *
 *   export class CreateDrafts1764000100000 extends SqlMigration {
 *     protected readonly upStatements = [`CREATE TABLE drafts (…)`];
 *     protected readonly downStatements = [`DROP TABLE drafts`];
 *   }
 *
 * TypeORM records `name` in the service's `migrations` table and reads the
 * timestamp from its last 13 digits, so a shipped migration's class name and
 * statements never change; a change to the schema is a new migration.
 */
export abstract class SqlMigration implements MigrationInterface {
  /**
   * The class's own name, timestamp included: one source, so the recorded name cannot drift
   * from the class (the code is compiled with tsc and never minified, which would rename it).
   */
  readonly name: string = this.constructor.name;

  /** Applies the migration, first statement first. */
  protected abstract readonly upStatements: readonly string[];

  /** Reverts the migration (usually the up statements' objects dropped in reverse order). */
  protected abstract readonly downStatements: readonly string[];

  async up(queryRunner: QueryRunner): Promise<void> {
    await runInOrder(queryRunner, this.upStatements);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runInOrder(queryRunner, this.downStatements);
  }
}

async function runInOrder(queryRunner: QueryRunner, statements: readonly string[]): Promise<void> {
  // One at a time: a statement may depend on the one before (an index on a table just created).
  for (const statement of statements) await queryRunner.query(statement);
}
