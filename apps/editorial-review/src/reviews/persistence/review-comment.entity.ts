import { Column, Entity, Index } from 'typeorm';
import { EditorEntryColumns } from './editor-entry.columns';

/** An editor's note on an article; kept across every revision. */
@Entity({ name: 'review_comments' })
@Index('review_comments_article_idx', ['articleId', 'createdAt'])
export class ReviewCommentEntity extends EditorEntryColumns {
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
