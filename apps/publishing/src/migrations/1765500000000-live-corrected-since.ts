import { SqlMigration } from '@newsroom/persistence';

/**
 * When the first correction still to be carried into the next revision was made
 * (`live_corrected_since`, beside `live_as_approved`): the corrections made since then are the
 * ones an editor reads before approving that revision, including those carried into the live
 * revision from an earlier one as it went live. Articles with a text as approved get the time
 * of the live revision's first text correction, the best the log says; the rest null.
 */
export class LiveCorrectedSince1765500000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE articles ADD COLUMN live_corrected_since timestamptz`,
    `UPDATE articles a SET live_corrected_since = (
       SELECT min(c.corrected_at) FROM corrections c WHERE c.article_id = a.id AND c.revision = a.revision AND c.changed_fields <> '{}'
     ) WHERE a.live_as_approved IS NOT NULL`,
  ];

  protected readonly downStatements = [`ALTER TABLE articles DROP COLUMN live_corrected_since`];
}
