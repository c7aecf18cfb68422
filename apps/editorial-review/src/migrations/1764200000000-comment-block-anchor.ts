import { SqlMigration } from '@newsroom/persistence';

/** A note may be about one block of the revision's body (its 0-based index); null for the whole story. */
export class CommentBlockAnchor1764200000000 extends SqlMigration {
  protected readonly upStatements = [`ALTER TABLE review_comments ADD COLUMN block_index int CHECK (block_index >= 0)`];

  protected readonly downStatements = [`ALTER TABLE review_comments DROP COLUMN block_index`];
}
