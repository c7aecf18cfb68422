import { SqlMigration } from '@newsroom/persistence';

/**
 * A story's life after publication: when an update last replaced the live text
 * (`revised_at`), a kill (legal removal: the text and every public field are wiped, the slug
 * stays reserved for the 410) and the cancellation of a revision waiting for its time.
 */
export class LifeAfterPublication1764000600000 extends SqlMigration {
  protected readonly upStatements = [
    `
      ALTER TABLE articles
        ADD COLUMN revised_at timestamptz,
        ADD COLUMN killed_at timestamptz,
        ADD COLUMN killed_by text,
        ADD COLUMN kill_reason text,
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by text,
        ADD COLUMN cancelled_revision int`,
    // The checks of the first migration, widened to the new states (their names are PostgreSQL's defaults).
    `ALTER TABLE articles DROP CONSTRAINT articles_status_check, DROP CONSTRAINT articles_check, DROP CONSTRAINT articles_check1`,
    `
      ALTER TABLE articles
        ADD CONSTRAINT articles_status_check CHECK (status IN ('scheduled', 'published', 'withdrawn', 'cancelled', 'killed')),
        ADD CONSTRAINT articles_content_when_public CHECK ((status IN ('published', 'withdrawn')) = (content IS NOT NULL)),
        ADD CONSTRAINT articles_slug_once_public CHECK (status IN ('scheduled', 'cancelled', 'killed') OR slug IS NOT NULL),
        ADD CONSTRAINT articles_killed_holds_nothing CHECK (status <> 'killed' OR (killed_at IS NOT NULL AND pending_content IS NULL AND section IS NULL AND search_text IS NULL))`,
  ];

  protected readonly downStatements = [
    `DELETE FROM articles WHERE status IN ('cancelled', 'killed')`,
    `
      ALTER TABLE articles
        DROP CONSTRAINT articles_killed_holds_nothing, DROP CONSTRAINT articles_slug_once_public,
        DROP CONSTRAINT articles_content_when_public, DROP CONSTRAINT articles_status_check`,
    `
      ALTER TABLE articles
        ADD CONSTRAINT articles_status_check CHECK (status IN ('scheduled', 'published', 'withdrawn')),
        ADD CONSTRAINT articles_check CHECK ((status = 'scheduled') = (content IS NULL)),
        ADD CONSTRAINT articles_check1 CHECK (status = 'scheduled' OR slug IS NOT NULL)`,
    `
      ALTER TABLE articles
        DROP COLUMN cancelled_revision, DROP COLUMN cancelled_by, DROP COLUMN cancelled_at,
        DROP COLUMN kill_reason, DROP COLUMN killed_by, DROP COLUMN killed_at, DROP COLUMN revised_at`,
  ];
}
