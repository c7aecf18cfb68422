import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Priority } from '@newsroom/contracts';

/** What an alert about one article says; every delivery of the article points here. */
@Entity({ name: 'article_alerts' })
export class ArticleAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  articleId!: string;

  @Column({ type: 'int', nullable: true })
  revision!: number | null;

  @Column({ type: 'text', nullable: true })
  headline!: string | null;

  @Column({ type: 'text', nullable: true })
  standfirst!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'text', nullable: true })
  section!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'text', nullable: true })
  priority!: Priority | null;

  /** The article's language (BCP 47); null for alerts stored before it was kept. */
  @Column({ type: 'text', nullable: true })
  language!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  fannedOutAt!: Date | null;

  /** W3C traceparent of the fan-out: the delivery worker sends each alert in a span under it. */
  @Column({ type: 'text', nullable: true })
  fanOutTraceparent!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
