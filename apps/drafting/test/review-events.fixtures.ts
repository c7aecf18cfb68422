import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, type ArticleContent, type CorrectableField, type EventOf } from '@newsroom/contracts';
import { article } from './article.fixtures';

const now = () => new Date().toISOString();

/**
 * Events as editorial review and publishing emit them about `articleId`
 * (valid, with a fresh id), for specs that feed drafting's consumer.
 */
export const reviewEvents = {
  claimed: (articleId: string, revision = 1, editorId = 'eve'): EventOf<'news.article.review-claimed.v1'> =>
    createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision, editorId, claimedAt: now() }, { subject: articleId }),
  commentAdded: (articleId: string, body: string, revision = 1, editorId = 'eve', blockIndex?: number): EventOf<'news.article.review-comment-added.v1'> =>
    createEvent(
      EVENT_TYPES.reviewCommentAdded,
      { articleId, revision, editorId, commentId: randomUUID(), body, createdAt: now(), ...(blockIndex === undefined ? {} : { blockIndex }) },
      { subject: articleId },
    ),
  changesRequested: (articleId: string, note: string, revision = 1, editorId = 'eve'): EventOf<'news.article.changes-requested.v1'> =>
    createEvent(EVENT_TYPES.changesRequested, { articleId, revision, editorId, note, requestedAt: now() }, { subject: articleId }),
  approved: (articleId: string, revision = 1, editorId = 'eve', authorId = 'alice'): EventOf<'news.article.approved.v1'> =>
    createEvent(EVENT_TYPES.articleApproved, { articleId, revision, editorId, authorId, approvedAt: now(), priority: 'normal', article: article() }, { subject: articleId }),
  recalled: (articleId: string, revision = 1, authorId = 'alice'): EventOf<'news.article.submission-recalled.v1'> =>
    createEvent(EVENT_TYPES.submissionRecalled, { articleId, revision, authorId, recalledAt: now() }, { subject: articleId }),
  rejected: (articleId: string, reason: string, revision = 1, editorId = 'eve'): EventOf<'news.article.rejected.v1'> =>
    createEvent(EVENT_TYPES.articleRejected, { articleId, revision, editorId, reason, rejectedAt: now() }, { subject: articleId }),
};

/** The fields every published/corrected event carries about the live article: the sample article's, as drafts start from it. */
function liveArticle(articleId: string, revision: number, url: string) {
  const { headline, standfirst, section, tags, language, bylines } = article();
  return {
    articleId, revision, slug: 'four-day-week', url, headline, standfirst, section,
    tags, language, bylines: bylines.map(({ name }) => ({ name })), priority: 'normal' as const, publishedAt: now(),
  };
}

/** What a correction may change of the live article, as its event carries it. */
type LiveFields = Partial<Pick<ReturnType<typeof liveArticle>, 'headline' | 'standfirst' | 'section' | 'tags' | 'language' | 'bylines'>>;

export const publishingEvents = {
  scheduled: (articleId: string, publishAt: string, revision = 1): EventOf<'news.article.scheduled.v1'> =>
    createEvent(EVENT_TYPES.publicationScheduled, { articleId, revision, publishAt }, { subject: articleId }),
  published: (articleId: string, url: string, revision = 1): EventOf<'news.article.published.v1'> =>
    createEvent(EVENT_TYPES.articlePublished, liveArticle(articleId, revision, url), { subject: articleId }),
  /** A correction of live revision `revision`; `corrected` are the fields it changed, with their new values. */
  corrected: (articleId: string, correctionNote: string, revision = 1, corrected: LiveFields = {}): EventOf<'news.article.corrected.v1'> =>
    createEvent(EVENT_TYPES.articleCorrected, { ...liveArticle(articleId, revision, 'https://news.example.org/a'), ...corrected, correctionNote, correctedAt: now() }, { subject: articleId }),
  unpublished: (articleId: string, reason: string, editorId = 'eve'): EventOf<'news.article.unpublished.v1'> =>
    createEvent(EVENT_TYPES.articleUnpublished, { articleId, editorId, reason, unpublishedAt: now() }, { subject: articleId }),
  /**
   * Revision `revision` replaced the live text; `carried`, when given, is the live text whole
   * with corrections carried into it, and `notCarried` the fields the revision rewrote itself.
   */
  updated: (articleId: string, url: string, revision = 2, carried?: ArticleContent, notCarried?: CorrectableField[]): EventOf<'news.article.updated.v1'> =>
    createEvent(
      EVENT_TYPES.articleUpdated,
      {
        ...liveArticle(articleId, revision, url),
        ...(carried ? { headline: carried.headline, standfirst: carried.standfirst, article: { ...carried, bylines: carried.bylines.map(({ name }) => ({ name })) } } : {}),
        ...(notCarried ? { correctionsNotCarried: notCarried } : {}),
        updatedAt: now(),
      },
      { subject: articleId },
    ),
  killed: (articleId: string, editorId = 'eve'): EventOf<'news.article.killed.v1'> =>
    createEvent(EVENT_TYPES.articleKilled, { articleId, editorId, killedAt: now() }, { subject: articleId }),
  scheduleCancelled: (articleId: string, revision = 1, editorId = 'eve'): EventOf<'news.article.schedule-cancelled.v1'> =>
    createEvent(EVENT_TYPES.scheduleCancelled, { articleId, revision, editorId, cancelledAt: now() }, { subject: articleId }),
};
