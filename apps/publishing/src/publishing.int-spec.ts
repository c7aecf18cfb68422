import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { xml2js, type Element } from 'xml-js';
import { createEvent, EVENT_TYPES, TOPICS, type ArticleContent, type NewsroomEvent } from '@newsroom/contracts';
import { issueToken } from '@newsroom/auth';
import { bootstrapService } from '@newsroom/platform';
import { createTestDatabase, freePort, startLocalBroker, type LocalBroker, type TestDatabase } from '@newsroom/testing';
import { AppModule } from './app.module';
import { loadPublishingConfig } from './config/publishing.config';
import { publishingService } from './service';
import { scriptRisks } from '../test/html-safety';
import { testContent } from '../test/test-articles';

const SECRET = 'integration-test-secret-123';
const PUBLIC_BASE_URL = 'https://news.example.test';
const editor = issueToken({ id: 'editor-eve', roles: ['editor'] }, SECRET);
const reporter = issueToken({ id: 'reporter-rob', roles: ['reporter'] }, SECRET);

jest.setTimeout(120_000);

let broker: LocalBroker;
let db: TestDatabase;
let sql: Client;
let app: INestApplication | undefined;
let baseUrl: string;
let producer: Producer;
let consumer: Consumer;
const published: NewsroomEvent[] = [];

async function startApp(): Promise<void> {
  const port = await freePort();
  const config = loadPublishingConfig({
    PORT: String(port),
    DATABASE_URL: db.url,
    KAFKA_BROKERS: broker.brokers.join(','),
    JWT_SECRET: SECRET,
    PUBLIC_BASE_URL,
    LOG_LEVEL: 'error',
  });
  app = await bootstrapService(AppModule.register(config), publishingService(config));
  baseUrl = `http://127.0.0.1:${port}`;
}

async function stopApp(): Promise<void> {
  await app?.close();
  app = undefined;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

async function produce(event: NewsroomEvent): Promise<void> {
  await producer.send({ topic: TOPICS.review, acks: -1, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
}

function approvedEvent(articleId: string, revision: number, article: ArticleContent, extra: { publishAt?: string; embargoUntil?: string; priority?: 'normal' | 'breaking'; approvedAt?: string } = {}) {
  return createEvent(
    EVENT_TYPES.articleApproved,
    {
      articleId,
      revision,
      authorId: 'reporter-rob',
      editorId: 'editor-eve',
      approvedAt: extra.approvedAt ?? new Date().toISOString(),
      priority: extra.priority ?? 'normal',
      ...(extra.publishAt ? { publishAt: extra.publishAt } : {}),
      ...(extra.embargoUntil ? { embargoUntil: extra.embargoUntil } : {}),
      article,
    },
    { subject: articleId },
  );
}

function emitted<T extends NewsroomEvent['type']>(type: T, articleId: string): Extract<NewsroomEvent, { type: T }>[] {
  return published.filter((event): event is Extract<NewsroomEvent, { type: T }> => event.type === type && event.subject === articleId);
}

function waitForEmitted<T extends NewsroomEvent['type']>(type: T, articleId: string, count = 1): Promise<Extract<NewsroomEvent, { type: T }>> {
  return eventually(`${count} × ${type} for ${articleId}`, async () => {
    const events = emitted(type, articleId);
    return events.length >= count ? events[count - 1] : undefined;
  });
}

/** Waits until this service's inbox recorded the event: it was handled, whatever the outcome. */
function waitForInbox(eventId: string): Promise<true> {
  return eventually(`inbox entry for ${eventId}`, async () => (await sql.query('SELECT 1 FROM publishing.inbox WHERE event_id = $1', [eventId])).rowCount === 1);
}

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers });
}

function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function parseXml(xml: string): Element {
  return xml2js(xml, { compact: false }) as Element;
}

function findAll(element: Element, name: string): Element[] {
  return [...(element.name === name ? [element] : []), ...(element.elements ?? []).flatMap((child) => findAll(child, name))];
}

function textOf(element: Element): string {
  return (element.elements ?? []).map((child) => (child.type === 'text' || child.type === 'cdata' ? String(child.text ?? child.cdata) : textOf(child))).join('');
}

beforeAll(async () => {
  [broker, db] = await Promise.all([startLocalBroker(), createTestDatabase('publishing_it')]);
  sql = new Client({ connectionString: db.url });
  await sql.connect();
  const kafka = new Kafka({ clientId: 'publishing-int-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  consumer = kafka.consumer({ groupId: `publishing-int-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: TOPICS.publishing, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (message.value) published.push(JSON.parse(message.value.toString()) as NewsroomEvent);
    },
  });
  await startApp();
});

afterAll(async () => {
  await stopApp();
  await Promise.allSettled([consumer?.disconnect(), producer?.disconnect()]);
  await sql?.end();
  await broker?.stop();
  await db?.drop();
});

describe('publishing (real PostgreSQL and local broker)', () => {
  const lead = randomUUID();
  const leadHeadline = 'Harbour council approves <script>alert("x")</script> crane ban';
  const leadContent = testContent({
    headline: leadHeadline,
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** "onerror=alert(1) and [see the order](javascript:alert(document.cookie)).' },
      { type: 'paragraph', text: 'The approved second paragraph.' },
    ],
  });
  let leadSlug = '';

  it('publishes an approved article at once: the page, the API and the published event', async () => {
    await produce(approvedEvent(lead, 2, leadContent, { priority: 'breaking' }));
    const event = await waitForEmitted(EVENT_TYPES.articlePublished, lead);
    leadSlug = event.data.slug;
    expect(leadSlug).toBe('harbour-council-approves-script-alertx-script-crane-ban');
    expect(event.data).toMatchObject({
      articleId: lead,
      revision: 2,
      url: `${PUBLIC_BASE_URL}/articles/${leadSlug}`,
      headline: leadHeadline,
      section: 'politics',
      tags: ['ports', 'noise-pollution'],
      language: 'en',
      bylines: [{ name: 'Olena Kravets' }, { name: 'Tom Reyes' }],
      priority: 'breaking',
    });
    expect(event.source).toBe('newsroom/publishing');

    const page = await get(`/articles/${leadSlug}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('The approved second paragraph.');
    expect(html).toContain('<h1 class="headline">Harbour council approves &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; crane ban</h1>');
    expect(html).toContain('&quot;onerror=alert(1) and see the order.');
    expect(html).toContain(`<link rel="canonical" href="${PUBLIC_BASE_URL}/articles/${leadSlug}">`);
    expect(scriptRisks(html)).toEqual([]);

    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = page.headers.get('etag');
    expect(etag).toBeTruthy();
    // fetch adds "Cache-Control: no-cache" to a conditional request unless told otherwise, and a server must not answer that with 304.
    expect((await get(`/articles/${leadSlug}`, { 'if-none-match': etag as string, 'cache-control': 'max-age=0' })).status).toBe(304);

    const api = await get(`/v1/articles/${lead}`);
    expect(api.status).toBe(200);
    const view = (await api.json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      uri: `${PUBLIC_BASE_URL}/articles/${leadSlug}`,
      type: 'text',
      pubstatus: 'usable',
      headline: leadHeadline,
      urgency: 1,
      slug: leadSlug,
      revision: 2,
      article: JSON.parse(JSON.stringify(leadContent)),
    });
    expect(view.body_html).toContain('The approved second paragraph.');
    expect(view.body_html).not.toContain('javascript:');
  });

  it('serves the stylesheet and sample images from /static', async () => {
    const css = await get('/static/site.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const svg = await get('/static/samples/aurora-arc.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('replaces the text on a newer revision, keeps the slug, and ignores an older one', async () => {
    const revised = testContent({ ...JSON.parse(JSON.stringify(leadContent)), body: [{ type: 'paragraph', text: 'Revision three text.' }] });
    await produce(approvedEvent(lead, 3, revised, { priority: 'breaking' }));
    const update = await waitForEmitted(EVENT_TYPES.articlePublished, lead, 2);
    expect(update.data).toMatchObject({ revision: 3, slug: leadSlug });
    expect(update.data.publishedAt).toBe(emitted(EVENT_TYPES.articlePublished, lead)[0].data.publishedAt);

    const stale = approvedEvent(lead, 1, testContent({ headline: 'Stale revision one', body: [{ type: 'paragraph', text: 'Stale text.' }] }));
    await produce(stale);
    await waitForInbox(stale.id);

    const html = await (await get(`/articles/${leadSlug}`)).text();
    expect(html).toContain('Revision three text.');
    expect(html).not.toContain('The approved second paragraph.');
    expect(html).not.toContain('Stale');
    expect(emitted(EVENT_TYPES.articlePublished, lead)).toHaveLength(2);
  });

  it('gives a second article with the same headline its own slug', async () => {
    const twin = randomUUID();
    await produce(approvedEvent(twin, 1, testContent({ headline: leadHeadline })));
    const event = await waitForEmitted(EVENT_TYPES.articlePublished, twin);
    expect(event.data.slug).toBe(`${leadSlug}-${twin.replace(/-/g, '').slice(0, 8)}`);
    expect((await get(`/articles/${event.data.slug}`)).status).toBe(200);
  });

  it('ignores review events other than approvals', async () => {
    const other = randomUUID();
    const claimed = createEvent(EVENT_TYPES.reviewClaimed, { articleId: other, revision: 1, editorId: 'editor-eve', claimedAt: new Date().toISOString() }, { subject: other });
    await produce(claimed);
    // Skipped events are not recorded in the inbox; an approval behind it on the same key proves it was passed over.
    const marker = approvedEvent(other, 1, testContent({ headline: 'Marker after a claim' }));
    await produce(marker);
    await waitForEmitted(EVENT_TYPES.articlePublished, other);
    expect(published.filter((event) => event.subject === other).map((event) => event.type)).toEqual([EVENT_TYPES.articlePublished]);
  });

  const scheduled = randomUUID();
  const scheduledHeadline = 'Embargoed report on river flooding';

  it('holds an article until max(publishAt, embargoUntil), durably across a restart', async () => {
    const dueAt = new Date(Date.now() + 6000);
    const event = approvedEvent(scheduled, 1, testContent({ headline: scheduledHeadline, section: 'climate' }), {
      publishAt: new Date(Date.now() + 1000).toISOString(),
      embargoUntil: dueAt.toISOString(),
    });
    await produce(event);
    const scheduledEvent = await waitForEmitted(EVENT_TYPES.publicationScheduled, scheduled);
    expect(scheduledEvent.data).toEqual({ articleId: scheduled, revision: 1, publishAt: dueAt.toISOString() });

    expect((await get(`/v1/articles/${scheduled}`)).status).toBe(404);
    expect(await (await get('/feeds/feed.json')).text()).not.toContain(scheduledHeadline);

    await stopApp();
    expect(Date.now()).toBeLessThan(dueAt.getTime());
    const row = await sql.query('SELECT status, due_at FROM publishing.articles WHERE id = $1', [scheduled]);
    expect(row.rows[0]).toEqual({ status: 'scheduled', due_at: dueAt });

    await new Promise((resolve) => setTimeout(resolve, dueAt.getTime() - Date.now() + 300));
    expect(emitted(EVENT_TYPES.articlePublished, scheduled)).toHaveLength(0);

    await startApp();
    const live = await waitForEmitted(EVENT_TYPES.articlePublished, scheduled);
    expect(new Date(live.time).getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    const page = await get(`/articles/${live.data.slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(scheduledHeadline);
  });

  it('publishes a short schedule on time while running', async () => {
    const soon = randomUUID();
    const dueAt = new Date(Date.now() + 2000);
    await produce(approvedEvent(soon, 1, testContent({ headline: 'Two seconds later' }), { publishAt: dueAt.toISOString() }));
    await waitForEmitted(EVENT_TYPES.publicationScheduled, soon);
    expect((await get(`/v1/articles/${soon}`)).status).toBe(404);
    const live = await waitForEmitted(EVENT_TYPES.articlePublished, soon);
    const late = new Date(live.time).getTime() - dueAt.getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(3000);
  });

  it('lists the article in the feeds and sitemaps', async () => {
    const url = `${PUBLIC_BASE_URL}/articles/${leadSlug}`;
    for (const [path, type] of [
      ['/feeds/rss.xml', 'application/rss+xml'],
      ['/sections/politics/feeds/rss.xml', 'application/rss+xml'],
    ] as const) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toContain(type);
      const links = findAll(parseXml(await response.text()), 'item').map((item) => textOf(findAll(item, 'link')[0]));
      expect(links).toContain(url);
    }
    for (const path of ['/feeds/atom.xml', '/sections/politics/feeds/atom.xml']) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toContain('application/atom+xml');
      const ids = findAll(parseXml(await response.text()), 'entry').map((entry) => textOf(findAll(entry, 'id')[0]));
      expect(ids).toContain(url);
    }
    for (const path of ['/feeds/feed.json', '/sections/politics/feeds/feed.json']) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toContain('application/feed+json');
      const feed = (await response.json()) as { items: { url: string; title: string }[] };
      expect(feed.items.map((item) => item.url)).toContain(url);
    }
    expect((await get('/sections/no-such-section/feeds/rss.xml')).status).toBe(404);

    const sitemap = await get('/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const locs = findAll(parseXml(await sitemap.text()), 'loc').map(textOf);
    expect(locs).toContain(url);

    const news = parseXml(await (await get('/sitemaps/news.xml')).text());
    const entry = findAll(news, 'url').find((u) => textOf(findAll(u, 'loc')[0]) === url);
    expect(entry).toBeDefined();
    expect(textOf(findAll(entry as Element, 'news:name')[0])).toBe('Newsroom');
    expect(textOf(findAll(entry as Element, 'news:language')[0])).toBe('en');
    expect(textOf(findAll(entry as Element, 'news:title')[0])).toBe(leadHeadline);

    const front = await (await get('/')).text();
    expect(front).toContain(`href="/articles/${leadSlug}"`);
    expect(front).toContain('<span class="badge">Breaking</span>');
    expect((await get('/sections/politics')).status).toBe(200);
  });

  describe('editors', () => {
    const farFuture = randomUUID();

    beforeAll(async () => {
      await produce(approvedEvent(farFuture, 1, testContent({ headline: 'Not until next year' }), { publishAt: new Date(Date.now() + 365 * 86400_000).toISOString() }));
      await waitForEmitted(EVENT_TYPES.publicationScheduled, farFuture);
    });

    it('need a token (401) and the editor role (403)', async () => {
      const noToken = await post(`/v1/articles/${lead}/corrections`, { note: 'x' });
      expect(noToken.status).toBe(401);
      expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('AUTH.REQUIRED');
      const asReporter = await post(`/v1/articles/${lead}/unpublish`, { reason: 'x' }, reporter);
      expect(asReporter.status).toBe(403);
      expect(((await asReporter.json()) as { error: { code: string } }).error.code).toBe('AUTH.FORBIDDEN');
    });

    it('get 404 for an unknown article, 400 for a malformed id, 409 for one not live yet', async () => {
      const unknown = await post(`/v1/articles/${randomUUID()}/corrections`, { note: 'x' }, editor);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('ARTICLE.NOT_FOUND');
      expect((await post('/v1/articles/not-a-uuid/unpublish', { reason: 'x' }, editor)).status).toBe(400);
      const early = await post(`/v1/articles/${farFuture}/corrections`, { note: 'x' }, editor);
      expect(early.status).toBe(409);
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('ARTICLE.NOT_PUBLISHED');
      expect((await post(`/v1/articles/${farFuture}/unpublish`, { reason: 'x' }, editor)).status).toBe(409);
      expect((await get(`/v1/articles/${farFuture}`)).status).toBe(404);
    });

    it('cannot save an invalid correction, and nothing changes', async () => {
      const before = (await (await get(`/v1/articles/${lead}`)).json()) as { version: string };
      const noNote = await post(`/v1/articles/${lead}/corrections`, { changes: { standfirst: 'x' } }, editor);
      expect(noNote.status).toBe(400);
      const invalid = await post(`/v1/articles/${lead}/corrections`, { note: 'Fix', changes: { headline: '', body: [{ type: 'video' }] } }, editor);
      expect(invalid.status).toBe(400);
      const error = ((await invalid.json()) as { error: { code: string; details: { path: string }[] } }).error;
      expect(error.code).toBe('ARTICLE.INVALID_CORRECTION');
      expect(error.details.map((d) => d.path).sort()).toEqual(['changes.body.0.type', 'changes.headline']);
      const unknownField = await post(`/v1/articles/${lead}/corrections`, { note: 'Fix', changes: { html: '<b>' } }, editor);
      expect(unknownField.status).toBe(400);
      const after = (await (await get(`/v1/articles/${lead}`)).json()) as { version: string };
      expect(after.version).toBe(before.version);
    });

    it('correct a live article: new text, a public note, the corrected event', async () => {
      const response = await post(
        `/v1/articles/${lead}/corrections`,
        { note: 'An earlier version gave the wrong vote count.', changes: { standfirst: 'The vote was 7 to 2, not 8 to 1.' } },
        editor,
      );
      expect(response.status).toBe(201);
      const view = (await response.json()) as { description_text: string; corrections: { note: string }[]; slug: string };
      expect(view.description_text).toBe('The vote was 7 to 2, not 8 to 1.');
      expect(view.corrections).toEqual([expect.objectContaining({ note: 'An earlier version gave the wrong vote count.' })]);
      expect(view.slug).toBe(leadSlug);

      const event = await waitForEmitted(EVENT_TYPES.articleCorrected, lead);
      expect(event.data).toMatchObject({
        revision: 3,
        slug: leadSlug,
        standfirst: 'The vote was 7 to 2, not 8 to 1.',
        correctionNote: 'An earlier version gave the wrong vote count.',
      });

      const html = await (await get(`/articles/${leadSlug}`)).text();
      expect(html).toContain('The vote was 7 to 2, not 8 to 1.');
      expect(html).toContain('class="corrections-notice"');
      expect(html).toContain('An earlier version gave the wrong vote count.');
      const log = await (await get('/corrections')).text();
      expect(log).toContain('An earlier version gave the wrong vote count.');
      expect(log).toContain(`href="/articles/${leadSlug}"`);
    });

    it('unpublish a live article: 410 page, withdrawn in the API, gone from feeds, the unpublished event', async () => {
      const response = await post(`/v1/articles/${lead}/unpublish`, { reason: 'Legal hold' }, editor);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { pubstatus: string }).pubstatus).toBe('withdrawn');

      const event = await waitForEmitted(EVENT_TYPES.articleUnpublished, lead);
      expect(event.data).toMatchObject({ articleId: lead, reason: 'Legal hold', editorId: 'editor-eve' });

      const page = await get(`/articles/${leadSlug}`);
      expect(page.status).toBe(410);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('This article has been withdrawn');

      const api = (await (await get(`/v1/articles/${lead}`)).json()) as Record<string, unknown>;
      expect(api.pubstatus).toBe('withdrawn');
      expect(api).not.toHaveProperty('body_html');
      expect(api).not.toHaveProperty('article');

      expect(await (await get('/feeds/feed.json')).text()).not.toContain(`/articles/${leadSlug}"`);
      expect(await (await get('/sitemap.xml')).text()).not.toContain(`/articles/${leadSlug}<`);
      const list = (await (await get('/v1/articles?section=politics&limit=100')).json()) as { items: { id: string }[] };
      expect(list.items.map((item) => item.id)).not.toContain(lead);

      expect((await post(`/v1/articles/${lead}/unpublish`, { reason: 'again' }, editor)).status).toBe(409);
      expect((await post(`/v1/articles/${lead}/corrections`, { note: 'late' }, editor)).status).toBe(409);
    });
  });

  it('answers an unknown slug with a 404 page and an unknown id with ARTICLE.NOT_FOUND', async () => {
    const page = await get('/articles/no-such-story');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('Page not found');
    const api = await get(`/v1/articles/${randomUUID()}`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('ARTICLE.NOT_FOUND');
  });

  it('filters the article list by section and tag, and rejects bad parameters', async () => {
    const bySection = (await (await get('/v1/articles?section=climate')).json()) as { items: { section: string }[]; total: number };
    expect(bySection.total).toBeGreaterThan(0);
    expect(bySection.items.every((item) => item.section === 'climate')).toBe(true);
    const byTag = (await (await get('/v1/articles?tag=ports&limit=1')).json()) as { items: unknown[]; total: number };
    expect(byTag.items).toHaveLength(1);
    expect(byTag.total).toBeGreaterThan(1);
    expect((await get('/v1/articles?limit=0')).status).toBe(400);
    expect((await get('/v1/articles?section=Not%20A%20Slug')).status).toBe(400);
  });
});
