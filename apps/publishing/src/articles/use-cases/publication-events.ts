import { assembleEvent, createEvent, EVENT_TYPES, type ArticleContent, type ArticlePublishedData, type CorrectableField, type NewsroomEvent } from '@newsroom/contracts';
import type { Cancellation, PublishedArticle } from '../domain/published-article';
import { articleUrl } from '../domain/public-urls';

/**
 * What subscribers learn about a live article. `publishedAt` is the first publication, the
 * date the article carries everywhere; the envelope's `time` says when this revision went live.
 */
function publishedData(article: PublishedArticle, publicBaseUrl: string): ArticlePublishedData {
  const { live, slug, publishedAt, liveAsApproved } = article.view();
  if (!live || !slug || !publishedAt) throw new Error(`article ${article.id} is not public`);
  const { content } = live;
  return {
    articleId: article.id,
    revision: live.revision,
    slug,
    url: articleUrl(publicBaseUrl, slug),
    headline: content.headline,
    ...(content.standfirst ? { standfirst: content.standfirst } : {}),
    section: content.section,
    tags: [...content.tags],
    ...(content.tagLabels && Object.keys(content.tagLabels).length > 0 ? { tagLabels: { ...content.tagLabels } } : {}),
    language: content.language,
    // The event carries names only: byline ids are internal to the newsroom.
    bylines: content.bylines.map((byline) => ({ name: byline.name })),
    priority: live.priority,
    publishedAt: publishedAt.toISOString(),
    // Corrections were carried into the live text: drafting takes it whole (see `article`).
    ...(liveAsApproved ? { article: textByName(content) } : {}),
  };
}

/** The text as events carry it whole: byline ids are internal to the newsroom. */
function textByName(content: ArticleContent): ArticleContent {
  return { ...content, bylines: content.bylines.map((byline) => ({ name: byline.name })) };
}

/*
 * The published, updated and scheduled events are assembled from the article's state, whose
 * content came in validated (an approval's event or an editor's command) and whose slug, URL
 * and instants publishing derives itself: they are not validated again on the way out
 * (contracts' validated.ts). publish-approved-article.use-case.int-spec.ts holds each of them,
 * as a real approval records it, to validateEvent.
 */
export function articlePublishedEvent(article: PublishedArticle, publicBaseUrl: string, now: Date, notCarried?: CorrectableField[]): NewsroomEvent {
  return assembleEvent(EVENT_TYPES.articlePublished, { ...publishedData(article, publicBaseUrl), ...notCarriedData(notCarried) }, { subject: article.id, time: now });
}

/** A newer approved revision replaced the live text: everything published says, plus when. */
export function articleUpdatedEvent(article: PublishedArticle, publicBaseUrl: string, now: Date, notCarried?: CorrectableField[]): NewsroomEvent {
  return assembleEvent(
    EVENT_TYPES.articleUpdated,
    { ...publishedData(article, publicBaseUrl), ...notCarriedData(notCarried), updatedAt: now.toISOString() },
    { subject: article.id, time: now },
  );
}

/** Corrections the revision going live rewrote itself (`Publication.correctionsNotCarried`), when there were any. */
function notCarriedData(notCarried: CorrectableField[] | undefined): Pick<ArticlePublishedData, 'correctionsNotCarried'> {
  return notCarried && notCarried.length > 0 ? { correctionsNotCarried: [...notCarried] } : {};
}

/** A legal removal: who and when; the reason stays in publishing's own table. */
export function articleKilledEvent(article: PublishedArticle, now: Date): NewsroomEvent {
  const { kill } = article.snapshot();
  if (!kill) throw new Error(`article ${article.id} is not killed`);
  return createEvent(EVENT_TYPES.articleKilled, { articleId: article.id, editorId: kill.editorId, killedAt: kill.at.toISOString() }, { subject: article.id, time: now });
}

export function scheduleCancelledEvent(articleId: string, cancellation: Cancellation, now: Date): NewsroomEvent {
  return createEvent(
    EVENT_TYPES.scheduleCancelled,
    { articleId, revision: cancellation.revision, editorId: cancellation.editorId, cancelledAt: cancellation.at.toISOString() },
    { subject: articleId, time: now },
  );
}

export function publicationScheduledEvent(article: PublishedArticle, now: Date): NewsroomEvent {
  const { pending } = article.view();
  if (!pending) throw new Error(`article ${article.id} has nothing scheduled`);
  return assembleEvent(
    EVENT_TYPES.publicationScheduled,
    { articleId: article.id, revision: pending.revision, publishAt: pending.dueAt.toISOString() },
    { subject: article.id, time: now },
  );
}

/**
 * A correction of the live text: everything published says, the note, who made it, and the corrected text
 * whole (bylines by name, as everywhere in these events), so that drafting can carry a
 * corrected body or dateline into the story's next revision.
 */
export function articleCorrectedEvent(article: PublishedArticle, publicBaseUrl: string, correction: { note: string; editorId: string }, now: Date): NewsroomEvent {
  const { live } = article.view();
  if (!live) throw new Error(`article ${article.id} is not public`);
  return createEvent(
    EVENT_TYPES.articleCorrected,
    {
      ...publishedData(article, publicBaseUrl),
      correctionNote: correction.note,
      correctedAt: now.toISOString(),
      editorId: correction.editorId,
      article: textByName(live.content),
    },
    { subject: article.id, time: now },
  );
}

export function articleUnpublishedEvent(article: PublishedArticle, now: Date): NewsroomEvent {
  const { withdrawal, live } = article.view();
  if (!withdrawal) throw new Error(`article ${article.id} is not withdrawn`);
  return createEvent(
    EVENT_TYPES.articleUnpublished,
    {
      articleId: article.id,
      reason: withdrawal.reason,
      editorId: withdrawal.editorId,
      unpublishedAt: withdrawal.at.toISOString(),
      // The revision taken down, so drafting does not take the withdrawal for a newer one in review.
      ...(live ? { revision: live.revision } : {}),
    },
    { subject: article.id, time: now },
  );
}
