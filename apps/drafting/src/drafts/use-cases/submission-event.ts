import { createEvent, EVENT_TYPES } from '@newsroom/contracts';
import type { Draft } from '../domain/draft';

/**
 * `news.article.submitted.v1` for the draft's current revision, exactly as it now reads: a
 * reporter's submission, or (with `editedBy`) the reviewing editor's sub-edit. The one place the
 * event is built, so both carry the same fields.
 */
export function submissionEvent(draft: Draft, at: Date, editedBy?: string) {
  return createEvent(
    EVENT_TYPES.articleSubmitted,
    { articleId: draft.id, revision: draft.version, authorId: draft.authorId, submittedAt: at.toISOString(), article: draft.content, ...(editedBy ? { editedBy } : {}) },
    { subject: draft.id, time: at },
  );
}
