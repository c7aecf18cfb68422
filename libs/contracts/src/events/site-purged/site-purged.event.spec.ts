import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../topics';
import { createEvent, EVENT_CATALOG, validateEvent } from '../event-catalog';
import { EVENT_SOURCES, EVENT_TYPES } from '../event-types';
import { PURGE_MAX_URLS, SitePurgedData } from './site-purged.event';

const articleId = randomUUID();
const purged = (data: Record<string, unknown> = {}) => ({
  ...createEvent(
    EVENT_TYPES.sitePurged,
    { articleId, reason: 'updated', urls: ['https://news.example.org/articles/a', 'https://news.example.org/'], changedAt: '2025-11-21T12:00:00.000Z' },
    { subject: articleId },
  ),
  ...(Object.keys(data).length > 0 ? { data: { articleId, reason: 'updated', urls: ['https://news.example.org/'], changedAt: '2025-11-21T12:00:00.000Z', ...data } } : {}),
});

describe(SitePurgedData.name, () => {
  it('is a publishing event on the publishing topic', () => {
    expect(EVENT_CATALOG[EVENT_TYPES.sitePurged]).toEqual({ topic: TOPICS.publishing, source: EVENT_SOURCES.publishing, dataClass: SitePurgedData });
    expect(validateEvent(purged(), { topic: TOPICS.publishing }).ok).toBe(true);
  });

  it.each([
    ['no URL', { urls: [] }, 'urls'],
    ['a URL twice', { urls: ['https://news.example.org/', 'https://news.example.org/'] }, 'urls'],
    ['a relative URL', { urls: ['/articles/a'] }, 'urls.0'],
    ['a script URL, named by its place', { urls: ['https://news.example.org/', 'javascript:alert(1)'] }, 'urls.1'],
    ['too many URLs', { urls: Array.from({ length: PURGE_MAX_URLS + 1 }, (_, i) => `https://news.example.org/tags/t${i}`) }, 'urls'],
    ['an unknown reason', { reason: 'scheduled' }, 'reason'],
    ['no time', { changedAt: undefined }, 'changedAt'],
  ])('refuses %s', (_label, data, path) => {
    const result = validateEvent(purged(data), { topic: TOPICS.publishing });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(`data.${path}`);
  });
});
