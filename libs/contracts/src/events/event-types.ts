/** Every event type in the newsroom, versioned in the name. */
export const EVENT_TYPES = {
  articleSubmitted: 'news.article.submitted.v1',
  reviewClaimed: 'news.article.review-claimed.v1',
  reviewCommentAdded: 'news.article.review-comment-added.v1',
  changesRequested: 'news.article.changes-requested.v1',
  articleApproved: 'news.article.approved.v1',
  articleRejected: 'news.article.rejected.v1',
  submissionRecalled: 'news.article.submission-recalled.v1',
  publicationScheduled: 'news.article.scheduled.v1',
  articlePublished: 'news.article.published.v1',
  articleCorrected: 'news.article.corrected.v1',
  articleUnpublished: 'news.article.unpublished.v1',
  articleUpdated: 'news.article.updated.v1',
  articleKilled: 'news.article.killed.v1',
  scheduleCancelled: 'news.article.schedule-cancelled.v1',
  sitePurged: 'news.site.purged.v1',
  siteSectionsChanged: 'news.site.sections-changed.v1',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** The `source` attribute of events each service emits. */
export const EVENT_SOURCES = {
  drafting: 'newsroom/drafting',
  review: 'newsroom/editorial-review',
  publishing: 'newsroom/publishing',
} as const;

export const PRIORITIES = ['normal', 'breaking'] as const;
export type Priority = (typeof PRIORITIES)[number];
