import { SqlMigration } from '@newsroom/persistence';

export class CreateReviews1764000200000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE review_items (
        article_id uuid PRIMARY KEY,
        author_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'in_review', 'changes_requested', 'approved', 'rejected')),
        assignee_id text,
        current_revision int NOT NULL CHECK (current_revision >= 1),
        reviewed_revision int,
        submitted_at timestamptz NOT NULL,
        first_submitted_at timestamptz NOT NULL,
        claimed_at timestamptz,
        decided_at timestamptz,
        headline text NOT NULL,
        section text NOT NULL,
        check_errors int NOT NULL DEFAULT 0,
        check_warnings int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX review_items_queue_idx ON review_items (status, submitted_at, article_id)`,
    `CREATE INDEX review_items_submitted_idx ON review_items (submitted_at, article_id)`,
    `
      CREATE TABLE review_submissions (
        article_id uuid NOT NULL REFERENCES review_items(article_id) ON DELETE CASCADE,
        revision int NOT NULL CHECK (revision >= 1),
        author_id text NOT NULL,
        submitted_at timestamptz NOT NULL,
        article jsonb NOT NULL,
        checks jsonb NOT NULL,
        diff_against int,
        diff jsonb,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, revision)
      )`,
    `
      CREATE TABLE review_comments (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES review_items(article_id) ON DELETE CASCADE,
        revision int NOT NULL,
        editor_id text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
    `CREATE INDEX review_comments_article_idx ON review_comments (article_id, created_at)`,
    `
      CREATE TABLE review_decisions (
        id uuid PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES review_items(article_id) ON DELETE CASCADE,
        revision int NOT NULL,
        editor_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('changes_requested', 'approved', 'rejected')),
        note text,
        publish_at timestamptz,
        embargo_until timestamptz,
        priority text CHECK (priority IN ('normal', 'breaking')),
        decided_at timestamptz NOT NULL
      )`,
    `CREATE INDEX review_decisions_article_idx ON review_decisions (article_id, decided_at)`,
  ];

  protected readonly downStatements = [
    `DROP TABLE review_decisions`,
    `DROP TABLE review_comments`,
    `DROP TABLE review_submissions`,
    `DROP TABLE review_items`,
  ];
}
