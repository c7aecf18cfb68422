import { randomUUID } from 'node:crypto';
import { TOPICS } from '../topics';
import { ArticleSubmittedData } from './article-submitted.event';
import { createEvent, EVENT_CATALOG, validateEvent } from './event-catalog';
import { EVENT_SOURCES, EVENT_TYPES } from './event-types';
import { ArticleKilledData } from './publishing.events';
import { exampleArticle } from '../article';
import { ArticleApprovedData } from './review.events';

const articleId = randomUUID();
const claimed = () =>
  createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision: 1, editorId: 'eve', claimedAt: new Date().toISOString() }, { subject: articleId });

describe('validateEvent: where an event arrived', () => {
  it('accepts an event on its own topic from its own producer', () => {
    expect(validateEvent(claimed(), { topic: TOPICS.review })).toMatchObject({ ok: true });
  });

  it.each([
    ['the drafting topic', TOPICS.drafting],
    ['the publishing topic', TOPICS.publishing],
    ['a topic the catalog does not know', 'newsroom.other.v1'],
  ])('refuses a review event that arrived on %s', (_what, topic) => {
    const result = validateEvent(claimed(), { topic });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { path: 'type', message: `event type "news.article.review-claimed.v1" does not belong on topic "${topic}" (it is published on "${TOPICS.review}")` },
    ]);
  });

  it.each(['anything', 'newsroom.drafting', 'newsroom.publishing', ''])('refuses a review event whose source claims to be %j', (source) => {
    const result = validateEvent({ ...claimed(), source }, { topic: TOPICS.review });
    expect(result.ok).toBe(false);
  });

  it('names both problems when type and source are both wrong for the topic', () => {
    const result = validateEvent({ ...claimed(), source: 'anything' }, { topic: TOPICS.publishing });
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['type', 'source']);
  });

  it('checks only the envelope and data when no topic is given (producers validating what they emit)', () => {
    expect(validateEvent(claimed()).ok).toBe(true);
  });
});

describe('EVENT_CATALOG', () => {
  it('has every event type, each on its producer\'s topic with that producer as its source', () => {
    expect(Object.keys(EVENT_CATALOG).sort()).toEqual(Object.values(EVENT_TYPES).sort());
    const producers = Object.keys(TOPICS) as (keyof typeof TOPICS)[];
    for (const { topic, source } of Object.values(EVENT_CATALOG)) {
      expect(producers.map((producer) => [TOPICS[producer], EVENT_SOURCES[producer]])).toContainEqual([topic, source]);
    }
  });

  it.each([
    [EVENT_TYPES.articleSubmitted, TOPICS.drafting, EVENT_SOURCES.drafting, ArticleSubmittedData],
    [EVENT_TYPES.articleApproved, TOPICS.review, EVENT_SOURCES.review, ArticleApprovedData],
    [EVENT_TYPES.articleKilled, TOPICS.publishing, EVENT_SOURCES.publishing, ArticleKilledData],
  ])('places %s on %s from %s', (type, topic, source, dataClass) => {
    expect(EVENT_CATALOG[type]).toEqual({ topic, source, dataClass });
  });
});

describe('validateEvent: the approved event carries a complete approval', () => {
  const approved = (data: Record<string, unknown>) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: EVENT_SOURCES.review,
    type: EVENT_TYPES.articleApproved,
    time: '2025-11-21T12:00:00.000Z',
    subject: articleId,
    datacontenttype: 'application/json',
    data: { articleId, revision: 2, editorId: 'eve', authorId: 'alice', approvedAt: '2025-11-21T12:00:00.000Z', priority: 'normal', article: exampleArticle(), ...data },
  });

  it('accepts the approval with its terms and text', () => {
    expect(validateEvent(approved({ publishAt: '2025-11-22T06:00:00Z' }), { topic: TOPICS.review })).toMatchObject({ ok: true });
  });

  it.each([
    ['without the article text', { article: undefined }, 'data.article'],
    ['with an invalid article text', { article: { ...exampleArticle(), body: [] } }, 'data.article.body'],
    ['without the author', { authorId: '' }, 'data.authorId'],
    ['with a schedule in words', { publishAt: 'tomorrow' }, 'data.publishAt'],
    ['with an unknown priority', { priority: 'urgent' }, 'data.priority'],
    ['with revision 0', { revision: 0 }, 'data.revision'],
  ])('refuses one %s', (_what, data, path) => {
    const result = validateEvent(approved(data));
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
