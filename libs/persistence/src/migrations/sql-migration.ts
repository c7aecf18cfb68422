import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that is nothing but SQL: the statements that apply it and the
 * statements that revert it, each list run in order (inside the migration's own
 * transaction, as the migration runner asks TypeORM for). A subclass only names
 * itself and lists its SQL:
 *
 *   export class CreateDrafts1764000100000 extends SqlMigration {
 *     name = 'CreateDrafts1764000100000';
 *     protected readonly upStatements = [`CREATE TABLE drafts (…)`];
 *     protected readonly downStatements = [`DROP TABLE drafts`];
 *   }
 *
 * TypeORM records `name` in the service's `migrations` table and reads the
 * timestamp from its last 13 digits, so a shipped migration's name and
 * statements never change; a change to the schema is a new migration.
 */
export abstract class SqlMigration implements MigrationInterface {
  abstract readonly name: string;

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
