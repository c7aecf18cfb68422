import type { ArticleContent, Priority } from '@newsroom/contracts';
import type { ArticleEntity } from '../../persistence/article.entity';
import type { CorrectionEntity } from '../../persistence/correction.entity';

/** A correction as readers see it. */
export interface PublicCorrection {
  note: string;
  correctedAt: Date;
}

/** One entry of the public corrections log, with the article it belongs to. */
export interface CorrectionLogEntry extends PublicCorrection {
  articleId: string;
  headline: string;
  slug: string;
  withdrawn: boolean;
}

/** An article that is or was public: what pages, feeds and the API render. */
export interface PublicArticle {
  id: string;
  slug: string;
  status: 'published' | 'withdrawn';
  revision: number;
  version: number;
  content: ArticleContent;
  priority: Priority;
  publishedAt: Date;
  updatedAt: Date;
  /** When a newer approved revision last replaced the text; null when it is the first one. */
  revisedAt: Date | null;
  correctedAt: Date | null;
  withdrawal: { at: Date; reason: string } | null;
  /** Oldest first. Empty in lists, which do not load them. */
  corrections: PublicCorrection[];
}

/** Null for an article that is not public: never live (scheduled, cancelled) or killed. */
export function toPublicArticle(row: ArticleEntity, corrections: CorrectionEntity[] = []): PublicArticle | null {
  if ((row.status !== 'published' && row.status !== 'withdrawn') || !row.slug || !row.content || row.revision === null || !row.priority || !row.publishedAt) return null;
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    revision: row.revision,
    version: row.version,
    content: row.content,
    priority: row.priority,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt ?? row.publishedAt,
    revisedAt: row.revisedAt,
    correctedAt: row.correctedAt,
    withdrawal: row.status === 'withdrawn' && row.withdrawnAt ? { at: row.withdrawnAt, reason: row.withdrawalReason ?? '' } : null,
    corrections: corrections.map((c) => ({ note: c.note, correctedAt: c.correctedAt })),
  };
}
