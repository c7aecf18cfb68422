import { SqlMigration } from '@newsroom/persistence';

export class CreateDrafts1764000100000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE drafts (
        id uuid PRIMARY KEY,
        author_id text NOT NULL,
        status text NOT NULL,
        version int NOT NULL,
        content jsonb NOT NULL,
        status_revision int,
        submitted_revision int,
        public_url text,
        publish_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX drafts_author_updated_idx ON drafts (author_id, updated_at)`,
    `
      CREATE TABLE draft_revisions (
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        number int NOT NULL,
        content jsonb NOT NULL,
        author_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (draft_id, number)
      )`,
    `
      CREATE TABLE draft_activity (
        id bigserial PRIMARY KEY,
        draft_id uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor_id text,
        revision int,
        note text,
        event_id uuid UNIQUE
      )`,
    `CREATE INDEX draft_activity_draft_idx ON draft_activity (draft_id, at)`,
  ];

  protected readonly downStatements = [
    `DROP TABLE draft_activity`,
    `DROP TABLE draft_revisions`,
    `DROP TABLE drafts`,
  ];
}
