import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../topics';
import { createEvent, EVENT_CATALOG, validateEvent } from '../event-catalog';
import { EVENT_SOURCES, EVENT_TYPES } from '../event-types';
import { SITE_SECTIONS_SUBJECT, SiteSectionsChangedData } from './site-sections-changed.event';

const list = [
  { slug: 'politics', label: 'Politics' },
  { slug: 'climate-change', label: 'Climate' },
];
const changed = (data: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}) => ({
  ...createEvent(EVENT_TYPES.siteSectionsChanged, { version: 2, sections: list, changedAt: '2025-11-21T12:00:00.000Z' }, { subject: SITE_SECTIONS_SUBJECT }),
  ...envelope,
  ...(Object.keys(data).length > 0 ? { data: { version: 2, sections: list, changedAt: '2025-11-21T12:00:00.000Z', ...data } } : {}),
});

describe(SiteSectionsChangedData.name, () => {
  it('is a publishing event on the publishing topic, about the site rather than an article', () => {
    expect(EVENT_CATALOG[EVENT_TYPES.siteSectionsChanged]).toEqual({ topic: TOPICS.publishing, source: EVENT_SOURCES.publishing, dataClass: SiteSectionsChangedData });
    const result = validateEvent(changed(), { topic: TOPICS.publishing });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event.subject).toBe('site:sections');
  });

  it('trims labels', () => {
    const result = validateEvent(changed({ sections: [{ slug: 'world', label: '  World  ' }] }));
    expect(result.ok && result.event.type === EVENT_TYPES.siteSectionsChanged && result.event.data.sections).toEqual([{ slug: 'world', label: 'World' }]);
  });

  it.each([
    ['no section', { sections: [] }, 'data.sections'],
    ['51 sections', { sections: Array.from({ length: 51 }, (_, i) => ({ slug: `s${i}`, label: `S${i}` })) }, 'data.sections'],
    ['a slug twice', { sections: [list[0], { slug: 'politics', label: 'Again' }] }, 'data.sections'],
    ['a slug that is not one', { sections: [{ slug: 'Politics', label: 'Politics' }] }, 'data.sections.0.slug'],
    ['a blank label', { sections: [{ slug: 'politics', label: '   ' }] }, 'data.sections.0.label'],
    ['a label of 61 characters', { sections: [{ slug: 'politics', label: 'x'.repeat(61) }] }, 'data.sections.0.label'],
    ['a control character in a label', { sections: [{ slug: 'politics', label: 'Poli\u000btics' }] }, 'data.sections.0.label'],
    ['an unknown field in an entry', { sections: [{ slug: 'politics', label: 'Politics', hidden: true }] }, 'data.sections.0.hidden'],
    ['version 0', { version: 0 }, 'data.version'],
    ['no time', { changedAt: undefined }, 'data.changedAt'],
  ])('refuses %s', (_label, data, path) => {
    const result = validateEvent(changed(data), { topic: TOPICS.publishing });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(path);
  });

  it('refuses any other subject: an article id would scatter the changes over partitions', () => {
    const result = validateEvent(changed({}, { subject: randomUUID() }), { topic: TOPICS.publishing });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: 'subject', message: 'subject must be "site:sections"' }]);
  });

  it('still holds an article event to its article id', () => {
    const articleId = randomUUID();
    const purge = createEvent(EVENT_TYPES.sitePurged, { articleId, reason: 'updated', urls: ['https://news.example.org/'], changedAt: '2025-11-21T12:00:00.000Z' }, { subject: articleId });
    expect(validateEvent({ ...purge, subject: SITE_SECTIONS_SUBJECT }).ok).toBe(false);
  });
});
