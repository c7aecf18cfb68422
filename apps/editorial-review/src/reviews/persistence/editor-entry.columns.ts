import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns of every entry an editor makes on an article (a note, a
 * decision): each table repeats them, TypeORM reads them from here.
 */
export abstract class EditorEntryColumns {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  /** The revision under review when the entry was made. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  editorId!: string;
}
