import { randomUUID } from 'node:crypto';
import { TOPICS } from '../topics';
import { createEvent, validateEvent } from './event-catalog';
import { EVENT_TYPES } from './event-types';

const articleId = randomUUID();
const at = '2025-11-21T12:00:00.000Z';
const published = {
  articleId,
  revision: 2,
  slug: 'harbour-ban',
  url: 'https://news.example.org/articles/harbour-ban',
  headline: 'Harbour ban',
  section: 'politics',
  tags: [],
  language: 'en',
  bylines: [{ name: 'Olena Kravets' }],
  priority: 'normal' as const,
  publishedAt: '2025-11-21T08:00:00.000Z',
};

describe('a story’s life after publication: updated, killed, schedule cancelled', () => {
  const events = [
    createEvent(EVENT_TYPES.articleUpdated, { ...published, updatedAt: at }, { subject: articleId }),
    createEvent(EVENT_TYPES.articleKilled, { articleId, editorId: 'editor-eve', killedAt: at }, { subject: articleId }),
    createEvent(EVENT_TYPES.scheduleCancelled, { articleId, revision: 3, editorId: 'editor-eve', cancelledAt: at }, { subject: articleId }),
  ];

  it.each(events.map((event) => [event.type, event]))('%s comes from publishing, on its topic only', (_type, event) => {
    expect(event.source).toBe('newsroom/publishing');
    expect(validateEvent(event, { topic: TOPICS.publishing }).ok).toBe(true);
    expect(validateEvent(event, { topic: TOPICS.review }).ok).toBe(false);
  });

  it('refuses an update without its time, and a kill that names no editor', () => {
    expect(() => createEvent(EVENT_TYPES.articleUpdated, published as never, { subject: articleId })).toThrow(/updatedAt/);
    expect(() => createEvent(EVENT_TYPES.articleKilled, { articleId, editorId: '', killedAt: at }, { subject: articleId })).toThrow(/editorId/);
  });
});

describe('a publication event written before the one-line rule', () => {
  it('is read with its headline and byline names on one line and their direction controls balanced, not refused', () => {
    const event = createEvent(EVENT_TYPES.articlePublished, published, { subject: articleId });
    const raw = JSON.parse(JSON.stringify(event)) as { data: typeof published };
    raw.data.headline = 'Harbour\r\nban \u202Eevol';
    raw.data.bylines = [{ name: 'Olena\nKravets' }];

    const parsed = validateEvent(raw, { topic: TOPICS.publishing });

    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.event.data).toMatchObject({ headline: 'Harbour ban \u202Eevol\u202C', bylines: [{ name: 'Olena Kravets' }] });
  });
});
