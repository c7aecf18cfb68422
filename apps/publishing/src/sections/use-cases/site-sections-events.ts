import { createEvent, EVENT_TYPES, SITE_SECTIONS_SUBJECT, type EventOf } from '@newsroom/contracts';
import type { SiteSectionSnapshot } from '@newsroom/site-sections';

/** `news.site.sections-changed.v1` for the list as stored: the whole list, its version, when it changed. */
export function sectionsChangedEvent(snapshot: SiteSectionSnapshot): EventOf<'news.site.sections-changed.v1'> {
  return createEvent(
    EVENT_TYPES.siteSectionsChanged,
    { version: snapshot.version, sections: snapshot.sections, changedAt: snapshot.changedAt.toISOString() },
    { subject: SITE_SECTIONS_SUBJECT, time: snapshot.changedAt },
  );
}
