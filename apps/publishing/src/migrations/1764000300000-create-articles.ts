import { SqlMigration } from '@newsroom/persistence';

export class CreateArticles1764000300000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE articles (
        id uuid PRIMARY KEY,
        slug text UNIQUE,
        status text NOT NULL CHECK (status IN ('scheduled', 'published', 'withdrawn')),
        revision int,
        content jsonb,
        priority text CHECK (priority IN ('normal', 'breaking')),
        section text,
        tags text[] NOT NULL DEFAULT '{}',
        pending_revision int,
        pending_content jsonb,
        pending_priority text CHECK (pending_priority IN ('normal', 'breaking')),
        due_at timestamptz,
        version int NOT NULL DEFAULT 0,
        published_at timestamptz,
        updated_at timestamptz,
        corrected_at timestamptz,
        approved_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawal_reason text,
        withdrawn_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'scheduled') = (content IS NULL)),
        CHECK (status = 'scheduled' OR slug IS NOT NULL),
        CHECK ((due_at IS NULL) = (pending_content IS NULL))
      )`,
    `CREATE INDEX articles_live_idx ON articles (status, published_at)`,
    `CREATE INDEX articles_section_idx ON articles (section, published_at) WHERE status = 'published'`,
    `CREATE INDEX articles_tags_idx ON articles USING gin (tags)`,
    `CREATE INDEX articles_due_idx ON articles (due_at) WHERE due_at IS NOT NULL`,
    `
      CREATE TABLE corrections (
        id bigserial PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        note text NOT NULL,
        editor_id text NOT NULL,
        corrected_at timestamptz NOT NULL,
        revision int NOT NULL,
        changed_fields text[] NOT NULL DEFAULT '{}'
      )`,
    `CREATE INDEX corrections_article_idx ON corrections (article_id, corrected_at)`,
    `CREATE INDEX corrections_recent_idx ON corrections (corrected_at)`,
  ];

  protected readonly downStatements = [
    `DROP TABLE corrections`,
    `DROP TABLE articles`,
  ];
}
