import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An editor's note on an article; kept across every revision. */
@Entity({ name: 'review_comments' })
@Index('review_comments_article_idx', ['articleId', 'createdAt'])
export class ReviewCommentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  articleId!: string;

  /** The revision that was current when the note was written. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ type: 'text' })
  editorId!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
