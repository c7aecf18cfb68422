import { SqlMigration } from '@newsroom/persistence';

/** Uploaded images and their files (see PostgresImageStore for why the bytes live here). */
export class CreateImages1764400000000 extends SqlMigration {
  protected readonly upStatements = [
    `
      CREATE TABLE images (
        id text PRIMARY KEY,
        format text NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TABLE image_files (
        image_id text NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        width int NOT NULL,
        format text NOT NULL,
        height int NOT NULL,
        bytes bytea NOT NULL,
        etag text NOT NULL,
        PRIMARY KEY (image_id, width, format)
      )`,
    // Already compressed: TOAST's compression would spend CPU for nothing.
    `ALTER TABLE image_files ALTER COLUMN bytes SET STORAGE EXTERNAL`,
  ];

  protected readonly downStatements = [`DROP TABLE image_files`, `DROP TABLE images`];
}
