import type { ArticleContent, Priority } from '@newsroom/contracts';

/** When an approved article may go live, and how loudly subscribers hear of it. */
export interface ApprovalTerms {
  /** Publish no earlier than this instant; null: as soon as publishing can. */
  publishAt: Date | null;
  /** Not public before this instant; publishing honours the later of the two. */
  embargoUntil: Date | null;
  priority: Priority;
}

/** A revision exactly as the reporter submitted it: the words an approval puts live. */
export interface SubmittedRevision {
  revision: number;
  article: ArticleContent;
}

interface DecisionFacts {
  articleId: string;
  /** The revision the decision is about: the one under review when it was made. */
  revision: number;
  editorId: string;
  decidedAt: Date;
}

/**
 * What an editor decided about the revision under review, as the review made
 * it: stored in the decision log and announced on the review topic unchanged.
 */
export type Decision =
  | (DecisionFacts & { kind: 'changes_requested'; note: string })
  | (DecisionFacts & { kind: 'rejected'; reason: string })
  | (DecisionFacts & { kind: 'approved'; authorId: string; terms: ApprovalTerms; article: ArticleContent });

/** An editor's note on an article, kept with the revision it was written about. */
export interface ReviewComment {
  id: string;
  articleId: string;
  revision: number;
  editorId: string;
  body: string;
  /** The block of the revision's body the note is about (0-based); null for the whole story. */
  blockIndex: number | null;
  createdAt: Date;
}
