import { Column, Entity, Index } from 'typeorm';
import { EditorEntryColumns } from './editor-entry.columns';

/** An editor's note on an article; kept across every revision. */
@Entity({ name: 'review_comments' })
@Index('review_comments_article_idx', ['articleId', 'createdAt'])
export class ReviewCommentEntity extends EditorEntryColumns {
  @Column({ type: 'text' })
  body!: string;

  /** The block of the revision's body the note is about (0-based); null for the whole story. */
  @Column({ type: 'int', nullable: true })
  blockIndex!: number | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
