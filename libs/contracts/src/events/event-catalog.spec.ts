import { randomUUID } from 'node:crypto';
import * as classTransformer from 'class-transformer';
import * as unsupportedCharacters from '../text/unsupported-characters';
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

  it.each([
    ['its data', (json: string) => json.replace('"editorId":', '"__proto__":{"isAdmin":true},"editorId":'), 'data.__proto__'],
    ['its envelope', (json: string) => json.replace('"type":', '"constructor":{"name":"x"},"type":'), 'constructor'],
  ])('refuses an event with a key class-transformer would drop silently in %s', (_where, tamper, path) => {
    const json = tamper(JSON.stringify(claimed()));
    expect(json).toContain(path.split('.').pop());
    const result = validateEvent(JSON.parse(json), { topic: TOPICS.review });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual([path]);
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

describe('validateEvent: each part of an event is read once', () => {
  const approval = () => {
    const id = randomUUID();
    const data = { articleId: id, revision: 1, authorId: 'ana', editorId: 'eve', approvedAt: new Date().toISOString(), priority: 'normal', article: exampleArticle() };
    return JSON.parse(JSON.stringify(createEvent(EVENT_TYPES.articleApproved, data as never, { subject: id }))) as Record<string, unknown>;
  };

  afterEach(() => jest.restoreAllMocks());

  it("walks the event's text once, data included, and builds the data class from the data once", () => {
    const raw = approval();
    const text = jest.spyOn(unsupportedCharacters, 'findUnsupportedText');
    const transform = jest.spyOn(classTransformer, 'plainToInstance');

    const result = validateEvent(raw, { topic: TOPICS.review });

    expect(result.ok).toBe(true);
    expect(text).toHaveBeenCalledTimes(1);
    expect(text.mock.calls[0][0]).toBe(raw);
    // The envelope is built without its data: only the data class receives the article.
    const given = transform.mock.calls.map(([, plain]) => plain as { article?: unknown; data?: unknown });
    expect(given.filter((plain) => plain.article !== undefined)).toHaveLength(1);
    expect(given.find((plain) => 'data' in plain)?.data).toEqual({});
    expect(result.ok && result.event.data).toBeInstanceOf(ArticleApprovedData);
  });

  it.each([
    ['a string', 'approved'],
    ['an array', [1, 2]],
    ['null', null],
  ])('still refuses data that is %s as the envelope rule says', (_what, data) => {
    const result = validateEvent({ ...approval(), data }, { topic: TOPICS.review });
    expect(result).toMatchObject({ ok: false, issues: [{ path: 'data', message: 'data must be an object' }] });
  });

  it("still names where in the data a character it refuses sits, and refuses a JSON value that is not an object", () => {
    const raw = approval();
    (raw.data as { article: { standfirst: string } }).article.standfirst = 'Tide\u0007 tables';
    expect(validateEvent(raw, { topic: TOPICS.review })).toEqual({
      ok: false,
      issues: [{ path: 'data.article.standfirst', message: expect.stringContaining('U+0007') }],
    });
    expect(validateEvent('an event', { topic: TOPICS.review })).toEqual({ ok: false, issues: [{ path: '', message: 'must be a JSON object' }] });
  });
});
