import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { issueToken, type Role } from '@newsroom/auth';
import { createEvent, deadLetterTopicOf, EVENT_TYPES, TOPICS, type CloudEvent } from '@newsroom/contracts';
import { bootstrapService } from '@newsroom/platform';
import { createTestDatabase, freePort, startLocalBroker, type LocalBroker, type TestDatabase } from '@newsroom/testing';
import { article, cleanArticle } from '../test/article.fixtures';
import { AppModule } from './app.module';
import { loadEditorialReviewConfig } from './config/editorial-review.config';

const SECRET = 'integration-test-secret-123';
const DLQ = deadLetterTopicOf(TOPICS.drafting);
const AUTHOR = 'alice';

jest.setTimeout(120_000);

interface Received {
  /** The parsed envelope; `undefined` when the value was not JSON (possible on the dead-letter topic). */
  event: CloudEvent;
  raw: string;
  headers: Record<string, string>;
}

let broker: LocalBroker;
let db: TestDatabase;
let app: INestApplication;
let baseUrl: string;
let producer: Producer;
const consumers: Consumer[] = [];
let sql: Client;
const reviewEvents: Received[] = [];
const deadLetters: Received[] = [];

const tokens = new Map<string, string>();
function token(id: string, role: Role = 'editor'): string {
  const key = `${role}:${id}`;
  if (!tokens.has(key)) tokens.set(key, issueToken({ id, roles: [role] }, SECRET));
  return tokens.get(key)!;
}

async function http(method: string, path: string, options: { as?: string; role?: Role; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.as !== undefined) headers.authorization = `Bearer ${token(options.as, options.role)}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function submitted(articleId: string, revision: number, content: Record<string, unknown>, id?: string) {
  return createEvent(
    EVENT_TYPES.articleSubmitted,
    { articleId, revision, authorId: AUTHOR, submittedAt: new Date().toISOString(), article: article(content) },
    { subject: articleId, id },
  );
}

async function produce(key: string, value: unknown): Promise<void> {
  await producer.send({
    topic: TOPICS.drafting,
    acks: -1,
    messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value) }],
  });
}

async function collect(kafka: Kafka, topic: string, into: Received[]): Promise<void> {
  const consumer = kafka.consumer({ groupId: `test-${topic}-${randomUUID()}`, maxWaitTimeInMs: 100 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const raw = message.value?.toString() ?? '';
      into.push({ event: parseOrUndefined(raw) as CloudEvent, raw, headers: headerStrings(message.headers) });
    },
  });
}

function parseOrUndefined(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function headerStrings(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));
}

const eventsFor = (articleId: string) => reviewEvents.filter((r) => r.event?.subject === articleId).map((r) => r.event);

async function count(table: string, articleId: string): Promise<number> {
  const column = table === 'outbox' ? 'message_key' : 'article_id';
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [articleId]);
  return rows[0].n as number;
}

async function inboxHas(eventId: string): Promise<boolean> {
  const { rows } = await sql.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId]);
  return rows.length > 0;
}

/** Revision 1 breaks two blocking rules (an unattributed quote, a javascript: link) and one warning (no dateline). */
function revisionOne(): Record<string, unknown> {
  const base = cleanArticle();
  return {
    ...base,
    dateline: undefined,
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday. See [the memo](javascript:alert(1)).' },
      { type: 'subheading', text: 'What happens next' },
      { type: 'paragraph', text: 'Operators have until January to adapt.' },
      { type: 'quote', text: 'We will adapt.' },
    ],
  };
}

/** Revision 2 fixes them and changes the headline, tags and one paragraph. */
function revisionTwo(): Record<string, unknown> {
  const base = cleanArticle();
  return {
    ...base,
    headline: 'Harbour council approves overnight crane ban',
    tags: ['harbour', 'port'],
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday. See [the memo](https://example.org/memo).' },
      { type: 'subheading', text: 'What happens next' },
      { type: 'paragraph', text: 'Operators have until March to adapt.' },
      { type: 'quote', text: 'We will adapt.', attribution: 'Port operator spokesperson' },
    ],
  };
}

beforeAll(async () => {
  [broker, db] = await Promise.all([startLocalBroker(), createTestDatabase('editorial_review_it')]);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = await bootstrapService(
    AppModule.register(
      loadEditorialReviewConfig({
        PORT: String(port),
        DATABASE_URL: db.url,
        KAFKA_BROKERS: broker.brokers.join(','),
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'error',
      }),
    ),
    { title: 'editorial-review', description: 'integration test', consumesEvents: true },
  );
  const kafka = new Kafka({ clientId: 'editorial-review-it', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  await Promise.all([collect(kafka, TOPICS.review, reviewEvents), collect(kafka, DLQ, deadLetters)]);
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  await sql.query('SET search_path TO editorial_review');
});

afterAll(async () => {
  await Promise.allSettled(consumers.map((c) => c.disconnect()));
  await producer?.disconnect().catch(() => undefined);
  await sql?.end().catch(() => undefined);
  await app?.close();
  await broker?.stop();
  await db?.drop();
});

describe('editorial-review service', () => {
  const articleId = randomUUID();
  const first = submitted(articleId, 1, revisionOne());

  it('puts a submitted article in the queue with its automated checks', async () => {
    await produce(articleId, first);
    const item = await waitFor('the review item', async () => {
      const response = await http('GET', `/v1/reviews/${articleId}`, { as: 'bob' });
      return response.status === 200 ? response.body : undefined;
    });

    expect(item).toMatchObject({ articleId, status: 'pending', authorId: AUTHOR, revision: 1, assigneeId: null, diff: null });
    expect(item.article.headline).toBe(cleanArticle().headline);
    expect(item.checks).toEqual([
      expect.objectContaining({ code: 'DATELINE_MISSING', severity: 'warning', path: 'dateline' }),
      expect.objectContaining({ code: 'UNSAFE_LINK', severity: 'error', path: 'body.0.text' }),
      expect.objectContaining({ code: 'QUOTE_WITHOUT_ATTRIBUTION', severity: 'error', path: 'body.3.attribution' }),
    ]);

    const queue = await http('GET', '/v1/reviews?status=pending', { as: 'bob' });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ articleId, headline: cleanArticle().headline, section: 'politics', revision: 1, checkSummary: { errors: 2, warnings: 1 } }),
    ]);
    expect((await http('GET', '/v1/reviews?status=approved', { as: 'bob' })).body).toEqual({ items: [], total: 0 });
  });

  it('changes nothing when the same submission is delivered again', async () => {
    const sameRevisionNewId = submitted(articleId, 1, revisionOne());
    await produce(articleId, first);
    await produce(articleId, sameRevisionNewId);
    // Same key, same partition: once the later event is in the inbox, the redelivery before it was handled too.
    await waitFor('the second delivery to be processed', async () => ((await inboxHas(sameRevisionNewId.id)) ? true : undefined));

    expect(await count('review_submissions', articleId)).toBe(1);
    expect(await count('review_items', articleId)).toBe(1);
    expect(await count('outbox', articleId)).toBe(0);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [first.id]);
    expect(rows[0].n).toBe(1);
  });

  it('sends an invalid submitted event to the drafting dead-letter topic', async () => {
    const brokenId = randomUUID();
    const broken = { ...submitted(brokenId, 1, cleanArticle()), id: randomUUID() };
    const invalid = { ...broken, data: { ...broken.data, article: { ...broken.data.article, headline: '', body: [{ type: 'video' }] } } };
    await produce(brokenId, invalid);
    await produce(brokenId, 'not json at all');

    const dead = await waitFor('two dead letters', () => (deadLetters.length >= 2 ? deadLetters : undefined));
    expect(dead[0].event.id).toBe(invalid.id);
    expect(dead[0].headers['x-dlq-error']).toMatch(/invalid event: .*data\.article\.headline/);
    expect(dead[0].headers['x-dlq-source-topic']).toBe(TOPICS.drafting);
    expect(dead[1].raw).toBe('not json at all');
    expect(dead[1].headers['x-dlq-error']).toMatch(/not JSON/);
    expect((await http('GET', `/v1/reviews/${brokenId}`, { as: 'bob' })).status).toBe(404);
  });

  it('lets one editor claim, others comment, and the claimer request changes', async () => {
    const selfClaim = await http('POST', `/v1/reviews/${articleId}/claim`, { as: AUTHOR });
    expect(selfClaim).toMatchObject({ status: 403, body: { error: { code: 'ARTICLE.SELF_REVIEW' } } });

    const claim = await http('POST', `/v1/reviews/${articleId}/claim`, { as: 'bob' });
    expect(claim).toMatchObject({ status: 200, body: { status: 'in_review', assigneeId: 'bob' } });
    expect((await http('POST', `/v1/reviews/${articleId}/claim`, { as: 'bob' })).status).toBe(200);
    const stolen = await http('POST', `/v1/reviews/${articleId}/claim`, { as: 'carol' });
    expect(stolen).toMatchObject({ status: 409, body: { error: { code: 'REVIEW.ALREADY_CLAIMED' } } });

    const comment = await http('POST', `/v1/reviews/${articleId}/comments`, { as: 'carol', body: { body: 'Who is the spokesperson?' } });
    expect(comment.status).toBe(201);
    expect(comment.body.comments).toEqual([expect.objectContaining({ editorId: 'carol', body: 'Who is the spokesperson?', revision: 1 })]);

    const blocked = await http('POST', `/v1/reviews/${articleId}/approve`, { as: 'bob', body: {} });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('REVIEW.BLOCKING_CHECKS');
    expect(blocked.body.error.details.map((d: { code: string }) => d.code)).toEqual(['UNSAFE_LINK', 'QUOTE_WITHOUT_ATTRIBUTION']);

    const notMine = await http('POST', `/v1/reviews/${articleId}/request-changes`, { as: 'carol', body: { note: 'Fix it' } });
    expect(notMine).toMatchObject({ status: 403, body: { error: { code: 'REVIEW.NOT_ASSIGNED' } } });

    const unknownField = await http('POST', `/v1/reviews/${articleId}/request-changes`, { as: 'bob', body: { note: 'x', urgent: true } });
    expect(unknownField).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.VALIDATION_FAILED' } } });

    const changes = await http('POST', `/v1/reviews/${articleId}/request-changes`, { as: 'bob', body: { note: 'Attribute the quote; fix the link.' } });
    expect(changes).toMatchObject({ status: 200, body: { status: 'changes_requested', reviewedRevision: 1 } });
    expect(changes.body.decisions).toEqual([expect.objectContaining({ kind: 'changes_requested', editorId: 'bob', note: 'Attribute the quote; fix the link.' })]);

    const again = await http('POST', `/v1/reviews/${articleId}/approve`, { as: 'bob' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'REVIEW.INVALID_TRANSITION' } } });
  });

  it('puts a resubmission back in the queue with every note and a diff against the reviewed revision', async () => {
    await produce(articleId, submitted(articleId, 2, revisionTwo()));
    const item = await waitFor('revision 2', async () => {
      const response = await http('GET', `/v1/reviews/${articleId}`, { as: 'bob' });
      return response.body.revision === 2 ? response.body : undefined;
    });

    expect(item).toMatchObject({ status: 'pending', assigneeId: null, reviewedRevision: 1, checks: [] });
    expect(item.submissions.map((s: { revision: number; diffAgainst: number | null }) => [s.revision, s.diffAgainst])).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect(item.comments).toHaveLength(1);
    expect(item.decisions).toHaveLength(1);
    expect(item.diff).toMatchObject({
      fromRevision: 1,
      toRevision: 2,
      fields: {
        headline: { before: cleanArticle().headline, after: 'Harbour council approves overnight crane ban' },
        tags: { added: ['port'], removed: ['noise'] },
        dateline: { before: null, after: { place: 'Harwick', date: '2025-11-21' } },
      },
      summary: { blocksChanged: 3, blocksAdded: 0, blocksRemoved: 0 },
    });
    expect(item.diff.body.map((c: { change: string; toIndex: number }) => [c.change, c.toIndex])).toEqual([
      ['changed', 0],
      ['changed', 2],
      ['changed', 3],
    ]);
  });

  it('never lets the author approve, even as an admin or before anything else is checked', async () => {
    const asEditor = await http('POST', `/v1/reviews/${articleId}/approve`, { as: AUTHOR, body: {} });
    expect(asEditor).toMatchObject({ status: 403, body: { error: { code: 'ARTICLE.SELF_APPROVAL' } } });
    const asAdmin = await http('POST', `/v1/reviews/${articleId}/approve`, { as: AUTHOR, role: 'admin', body: { priority: 'breaking' } });
    expect(asAdmin).toMatchObject({ status: 403, body: { error: { code: 'ARTICLE.SELF_APPROVAL' } } });
  });

  it('approves the reviewed revision and publishes the whole story of the review on the review topic', async () => {
    expect((await http('POST', `/v1/reviews/${articleId}/claim`, { as: 'bob' })).status).toBe(200);
    const badTime = await http('POST', `/v1/reviews/${articleId}/approve`, { as: 'bob', body: { publishAt: '2025-11-21 18:00' } });
    expect(badTime).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.VALIDATION_FAILED' } } });

    const approved = await http('POST', `/v1/reviews/${articleId}/approve`, {
      as: 'bob',
      body: { publishAt: '2025-11-21T20:00:00+02:00', embargoUntil: '2025-11-21T17:30:00Z', priority: 'breaking' },
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', assigneeId: 'bob' } });

    const events = await waitFor('the approval on the review topic', () => {
      const all = eventsFor(articleId);
      return all.some((e) => e.type === EVENT_TYPES.articleApproved) ? all : undefined;
    });
    expect(events.map((e) => [e.type, (e.data as { revision: number }).revision])).toEqual([
      [EVENT_TYPES.reviewClaimed, 1],
      [EVENT_TYPES.reviewCommentAdded, 1],
      [EVENT_TYPES.changesRequested, 1],
      [EVENT_TYPES.reviewClaimed, 2],
      [EVENT_TYPES.articleApproved, 2],
    ]);
    expect(events.every((e) => e.source === 'newsroom/editorial-review' && e.subject === articleId)).toBe(true);
    expect(events[2].data).toMatchObject({ editorId: 'bob', note: 'Attribute the quote; fix the link.' });
    expect(events[4].data).toEqual({
      articleId,
      revision: 2,
      editorId: 'bob',
      authorId: AUTHOR,
      approvedAt: expect.any(String),
      publishAt: '2025-11-21T18:00:00.000Z',
      embargoUntil: '2025-11-21T17:30:00.000Z',
      priority: 'breaking',
      article: JSON.parse(JSON.stringify(article(revisionTwo()))),
    });

    const closed = await http('POST', `/v1/reviews/${articleId}/comments`, { as: 'carol', body: { body: 'Too late?' } });
    expect(closed).toMatchObject({ status: 409, body: { error: { code: 'REVIEW.CLOSED' } } });
  });

  it('dead-letters a new revision of an article that is already approved, and ignores a redelivered one', async () => {
    const lateRedelivery = submitted(articleId, 2, revisionTwo());
    const third = submitted(articleId, 3, revisionTwo());
    await produce(articleId, lateRedelivery);
    await produce(articleId, third);

    const dead = await waitFor('the third revision in the dead-letter topic', () => deadLetters.find((d) => d.event?.id === third.id));
    expect(dead.headers['x-dlq-error']).toMatch(/already approved/);
    expect(dead.headers['x-dlq-attempts']).toBe('1');
    expect(deadLetters.some((d) => d.event?.id === lateRedelivery.id)).toBe(false);
    expect(await count('review_submissions', articleId)).toBe(2);
    expect((await http('GET', `/v1/reviews/${articleId}`, { as: 'bob' })).body).toMatchObject({ status: 'approved', revision: 2 });
  });

  it('lets exactly one of several editors claiming at the same moment win', async () => {
    const contested = randomUUID();
    await produce(contested, submitted(contested, 1, cleanArticle()));
    await waitFor('the contested item', async () => ((await http('GET', `/v1/reviews/${contested}`, { as: 'bob' })).status === 200 ? true : undefined));

    const editors = ['dana', 'eli', 'fay', 'gus', 'hal'];
    editors.forEach((editor) => token(editor));
    const results = await Promise.all(editors.map((editor) => http('POST', `/v1/reviews/${contested}/claim`, { as: editor })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(4).fill('REVIEW.ALREADY_CLAIMED'));
    const winners = results.filter((r) => r.status === 200);
    expect(await count('outbox', contested)).toBe(1);

    const winner = winners[0].body.assigneeId as string;
    const rejected = await http('POST', `/v1/reviews/${contested}/reject`, { as: winner, body: { reason: 'Covered yesterday.' } });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', decisions: [expect.objectContaining({ kind: 'rejected', note: 'Covered yesterday.' })] } });
    const published = await waitFor('the rejection event', () => eventsFor(contested).find((e) => e.type === EVENT_TYPES.articleRejected));
    expect(published.data).toMatchObject({ articleId: contested, revision: 1, editorId: winner, reason: 'Covered yesterday.' });
  });

  it('answers bad requests with coded errors', async () => {
    expect(await http('GET', `/v1/reviews/${randomUUID()}`, { as: 'bob' })).toMatchObject({ status: 404, body: { error: { code: 'REVIEW.NOT_FOUND' } } });
    expect(await http('POST', `/v1/reviews/${randomUUID()}/claim`, { as: 'bob' })).toMatchObject({ status: 404, body: { error: { code: 'REVIEW.NOT_FOUND' } } });
    expect(await http('GET', '/v1/reviews/not-a-uuid', { as: 'bob' })).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID_ID' } } });
    expect(await http('GET', '/v1/reviews')).toMatchObject({ status: 401, body: { error: { code: 'AUTH.REQUIRED' } } });
    expect(await http('GET', '/v1/reviews', { as: 'rita', role: 'reporter' })).toMatchObject({ status: 403, body: { error: { code: 'AUTH.FORBIDDEN' } } });
    expect(await http('GET', '/v1/reviews?status=done', { as: 'bob' })).toMatchObject({ status: 400 });
    expect(await http('GET', '/v1/reviews?limit=0', { as: 'bob' })).toMatchObject({ status: 400 });
    expect(await http('POST', `/v1/reviews/${articleId}/comments`, { as: 'bob', raw: '{"body":' })).toMatchObject({
      status: 400,
      body: { error: { code: 'REQUEST.MALFORMED_JSON' } },
    });
    const docs = await http('GET', '/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/reviews', '/v1/reviews/{articleId}', '/v1/reviews/{articleId}/approve', '/v1/reviews/{articleId}/request-changes']),
    );
    expect(docs.body.components.schemas.ApproveRequest.properties.priority.enum).toEqual(['normal', 'breaking']);

    const all = await http('GET', '/v1/reviews?limit=1&offset=0', { as: 'bob' });
    expect(all.body.total).toBe(2);
    expect(all.body.items).toHaveLength(1);
    expect(all.body.items[0].articleId).toBe(articleId);
  });
});
