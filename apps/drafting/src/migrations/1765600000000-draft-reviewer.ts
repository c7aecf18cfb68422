import { SqlMigration } from '@newsroom/persistence';

/**
 * The editor who claimed or took over the story last, and when, as editorial review reported
 * it: the one who may sub-edit the text while it is in review. Filled from the timeline for
 * stories claimed before, so that one in review now can be sub-edited by the editor who has it.
 */
export class DraftReviewer1765600000000 extends SqlMigration {
  protected readonly upStatements = [
    `ALTER TABLE drafts ADD COLUMN reviewer_id text, ADD COLUMN reviewer_since timestamptz`,
    `UPDATE drafts d SET reviewer_id = c.actor_id, reviewer_since = c.at
       FROM (SELECT DISTINCT ON (draft_id) draft_id, actor_id, at FROM draft_activity
              WHERE kind = 'review_claimed' AND actor_id IS NOT NULL ORDER BY draft_id, at DESC, id DESC) c
      WHERE c.draft_id = d.id`,
  ];

  protected readonly downStatements = [`ALTER TABLE drafts DROP COLUMN reviewer_since, DROP COLUMN reviewer_id`];
}
