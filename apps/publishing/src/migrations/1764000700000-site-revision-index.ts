import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The site's last visible change (max(updated_at)) is asked on every public read: an index answers it at once. */
export class SiteRevisionIndex1764000700000 implements MigrationInterface {
  name = 'SiteRevisionIndex1764000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX articles_updated_idx ON articles (updated_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX articles_updated_idx`);
  }
}
