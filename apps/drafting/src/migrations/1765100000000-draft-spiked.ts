import { SqlMigration } from '@newsroom/persistence';

/**
 * When the reporter spiked the story (set it aside, off their list, read-only until unspiked);
 * null while it is not. Lists leave spiked stories out unless asked for them, hence the index.
 */
export class DraftSpiked1765100000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE drafts ADD COLUMN spiked_at timestamptz`,
    `CREATE INDEX drafts_spiked_author_updated_idx ON drafts (author_id, updated_at) WHERE spiked_at IS NOT NULL`,
  ];

  protected readonly downStatements = [`DROP INDEX drafts_spiked_author_updated_idx`, `ALTER TABLE drafts DROP COLUMN spiked_at`];
}
