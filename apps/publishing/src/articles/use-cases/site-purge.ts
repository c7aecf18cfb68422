import { assembleEvent, EVENT_TYPES, type EventType, type NewsroomEvent, type PurgeReason } from '@newsroom/contracts';
import { changedPages, type PublicFootprint } from '../domain/site-pages';

/** The article events that change what public pages show, and the purge reason each gives. */
const PAGE_CHANGES: Partial<Record<EventType, PurgeReason>> = {
  [EVENT_TYPES.articlePublished]: 'published',
  [EVENT_TYPES.articleUpdated]: 'updated',
  [EVENT_TYPES.articleCorrected]: 'corrected',
  [EVENT_TYPES.articleUnpublished]: 'unpublished',
  [EVENT_TYPES.articleKilled]: 'killed',
};

/**
 * `news.site.purged.v1` for an article event that changed public pages (go-live, update,
 * correction, withdrawal, kill), listing every URL it touched given what the public saw of
 * the article `before` and `after`; null for one that changed no page (a schedule, a
 * cancelled schedule). The corrections log is listed when it changed too. Every URL is one
 * publishing derives from its validated state, so the event is assembled without validating it
 * again (contracts' validated.ts); publish-approved-article.use-case.int-spec.ts holds it to
 * validateEvent.
 */
export function sitePurgedEvent(announced: NewsroomEvent, before: PublicFootprint, after: PublicFootprint, publicBaseUrl: string): NewsroomEvent | null {
  const reason = PAGE_CHANGES[announced.type];
  if (!reason) return null;
  const corrections = reason === 'corrected' || reason === 'unpublished' || reason === 'killed';
  return assembleEvent(
    EVENT_TYPES.sitePurged,
    { articleId: announced.subject, reason, urls: changedPages(publicBaseUrl, before, after, { corrections }), changedAt: announced.time },
    { subject: announced.subject, time: new Date(announced.time) },
  );
}
