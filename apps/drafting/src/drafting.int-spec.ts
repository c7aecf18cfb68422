/**
 * Drafting against the real PostgreSQL and the local broker: the HTTP API,
 * the submitted event it emits, and the review/publishing events it mirrors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { issueToken } from '@newsroom/auth';
import { EVENT_TYPES, TOPICS, createEvent, type ArticleContent } from '@newsroom/contracts';
import { bootstrapService } from '@newsroom/platform';
import { createTestDatabase, freePort, startLocalBroker, type LocalBroker, type TestDatabase } from '@newsroom/testing';
import { AppModule } from './app.module';
import { loadDraftingConfig } from './config/drafting.config';

jest.setTimeout(120_000);
const SECRET = 'integration-test-secret-123';

describe('drafting service', () => {
  let db: TestDatabase;
  let broker: LocalBroker;
  let app: INestApplication;
  let baseUrl: string;
  let kafka: Kafka;
  const article = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../../tools/seed/articles/03-bakery-chain-four-day-week.json'), 'utf8'),
  ) as ArticleContent;

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDatabase('newsroom_drafting'), startLocalBroker()]);
    const port = await freePort();
    const config = loadDraftingConfig({ PORT: String(port), DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers.join(','), JWT_SECRET: SECRET, LOG_LEVEL: 'warn' });
    app = await bootstrapService(AppModule.register(config), { title: 'drafting', description: 'test', consumesEvents: true });
    baseUrl = `http://127.0.0.1:${port}`;
    kafka = new Kafka({ clientId: 'drafting-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await app?.close();
    await broker?.stop();
    await db?.drop();
  });

  async function call<T = Record<string, unknown>>(method: string, pathname: string, user: { id: string; roles: ('reporter' | 'editor' | 'admin')[] } | null, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${baseUrl}${pathname}`, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${issueToken(user, SECRET)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  }

  const alice = { id: 'alice', roles: ['reporter' as const] };
  const bob = { id: 'bob', roles: ['reporter' as const] };
  const editor = { id: 'eve', roles: ['editor' as const] };

  it('rejects anonymous, malformed and invalid requests with coded errors', async () => {
    expect((await call('GET', '/v1/drafts', null)).status).toBe(401);
    expect((await call('POST', '/v1/drafts', editor, article)).body).toMatchObject({ error: { code: 'AUTH.FORBIDDEN' } });
    const malformed = await call<{ error: { code: string } }>('POST', '/v1/drafts', alice, '{"headline":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('REQUEST.MALFORMED_JSON');
    const invalid = await call<{ error: { code: string; details: { path: string }[] } }>('POST', '/v1/drafts', alice, {
      ...article,
      extra: true,
      body: [{ type: 'quote', text: 'x', attribution: 'y', colour: 'red' }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(invalid.body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['extra', 'body.0.colour']));
    expect((await call('GET', '/v1/drafts/not-a-uuid', alice)).status).toBe(400);
    expect((await call('POST', '/v1/drafts', alice, '[1, 2]')).body).toMatchObject({ error: { code: 'REQUEST.BODY_NOT_OBJECT' } });
    const notJson = await call('POST', '/v1/drafts', alice, 'headline=x', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const missing = await call<{ error: { details: { message: string }[] } }>('POST', '/v1/drafts', alice, { body: [{ type: 'paragraph', text: 'x' }] });
    expect(missing.body.error.details.map((d) => d.message)).toEqual(expect.arrayContaining(['headline is required', 'section is required']));
  });

  it('keeps drafts private to their reporter, with editors seeing all', async () => {
    const created = await call<{ id: string; version: number; status: string }>('POST', '/v1/drafts', alice, article);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ version: 1, status: 'draft' });
    const id = created.body.id;
    expect((await call('GET', `/v1/drafts/${id}`, bob)).status).toBe(404);
    expect((await call('GET', `/v1/drafts/${id}`, editor)).status).toBe(200);
    const bobsList = await call<{ items: { id: string }[] }>('GET', '/v1/drafts', bob);
    expect(bobsList.body.items.map((d) => d.id)).not.toContain(id);
    const editorsList = await call<{ items: { id: string }[] }>('GET', '/v1/drafts', editor);
    expect(editorsList.body.items.map((d) => d.id)).toContain(id);
  });

  it('edits with optimistic concurrency, submits the exact revision, and mirrors review progress', async () => {
    const { body: draft } = await call<{ id: string }>('POST', '/v1/drafts', alice, article);
    const id = draft.id;
    expect((await call('PATCH', `/v1/drafts/${id}`, alice, { headline: 'No version' })).status).toBe(428);
    const edited = await call<{ version: number; article: ArticleContent }>('PATCH', `/v1/drafts/${id}`, alice, { headline: 'Second take' }, { 'if-match': '"1"' });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.article.standfirst).toBe(article.standfirst);
    expect(edited.body.article.tags).toEqual(article.tags);
    expect(article.tags?.length).toBeGreaterThan(0);
    const stale = await call<{ error: { code: string; details: { currentVersion: number } } }>('PATCH', `/v1/drafts/${id}`, alice, { headline: 'Lost' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.currentVersion).toBe(2);
    expect((await call('PATCH', `/v1/drafts/${id}`, bob, { headline: 'Bob' }, { 'if-match': '"2"' })).status).toBe(404);
    expect((await call('PATCH', `/v1/drafts/${id}`, alice, { headline: '' }, { 'if-match': '"2"' })).status).toBe(400);

    expect((await call('POST', `/v1/drafts/${id}/submit`, alice)).status).toBe(202);
    expect((await call('PATCH', `/v1/drafts/${id}`, alice, { headline: 'Too late' }, { 'if-match': '"2"' })).body).toMatchObject({
      error: { code: 'DRAFT.NOT_EDITABLE' },
    });
    expect((await call('POST', `/v1/drafts/${id}/submit`, alice)).status).toBe(409);

    const submitted = await readUntil(kafka, TOPICS.drafting, (m) => m.key?.toString() === id);
    const event = JSON.parse(submitted.value?.toString() ?? '{}');
    expect(event).toMatchObject({ type: EVENT_TYPES.articleSubmitted, subject: id, data: { revision: 2, authorId: 'alice', article: { headline: 'Second take' } } });

    // Review asks for changes; the same event delivered twice leaves one note on the timeline.
    const changes = createEvent(
      EVENT_TYPES.changesRequested,
      { articleId: id, revision: 2, editorId: 'eve', note: 'Name the union spokesperson.', requestedAt: new Date().toISOString() },
      { subject: id },
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.review, acks: -1, messages: [changes, changes].map((e) => ({ key: id, value: JSON.stringify(e) })) });
    const published = createEvent(
      EVENT_TYPES.articlePublished,
      {
        articleId: id, revision: 2, slug: 'second-take', url: 'http://localhost:3003/articles/second-take', headline: 'Second take',
        section: 'business', tags: [], language: 'en', bylines: [{ name: 'A' }], priority: 'normal', publishedAt: new Date().toISOString(),
      },
      { subject: id },
    );
    const view = await poll(async () => {
      const response = await call<{ status: string; editable: boolean; activity: { kind: string; note: string | null }[] }>('GET', `/v1/drafts/${id}`, alice);
      return response.body.status === 'changes_requested' ? response.body : undefined;
    });
    expect(view.editable).toBe(true);
    // Give the duplicate time to be processed before counting notes.
    await producer.send({ topic: TOPICS.publishing, acks: -1, messages: [{ key: id, value: JSON.stringify(published) }] });
    const after = await poll(async () => {
      const response = await call<{ status: string; publicUrl: string; activity: { kind: string; note: string | null }[] }>('GET', `/v1/drafts/${id}`, alice);
      return response.body.status === 'published' ? response.body : undefined;
    });
    await producer.disconnect();
    expect(after.publicUrl).toBe('http://localhost:3003/articles/second-take');
    expect(after.activity.filter((a) => a.note === 'Name the union spokesperson.')).toHaveLength(1);
    expect(after.activity.map((a) => a.kind)).toEqual(['created', 'edited', 'submitted', 'changes_requested', 'published']);

    const revisions = await call<{ number: number }[]>('GET', `/v1/drafts/${id}/revisions`, alice);
    expect(revisions.body.map((r) => r.number)).toEqual([1, 2]);
    expect((await call('GET', `/v1/drafts/${id}/revisions/1`, alice)).body).toMatchObject({ article: { headline: article.headline } });
    expect((await call('GET', `/v1/drafts/${id}/revisions/9`, alice)).status).toBe(404);
  });
});

async function poll<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}

async function readUntil(kafka: Kafka, topic: string, match: (message: KafkaMessage) => boolean): Promise<KafkaMessage> {
  const consumer = kafka.consumer({ groupId: `reader-${Date.now()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message on ${topic}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (!match(message)) return;
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
