/**
 * The page cache in the running publishing service: pages are served from memory (a row
 * changed behind the service's back does not show), and every change made the service's own
 * way — an editor's correction over HTTP, an approval over Kafka, a share — shows at once.
 */
import { randomUUID } from 'node:crypto';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { eventually, type HttpClient, type ServiceUnderTest } from '@newsroom/test-harness';
import { EDITOR } from '../../../test/publishing.fixtures';
import { approvalEvent, PublishingUnderTest } from '../../../test/publishing-under-test';
import { testContent } from '../../../test/test-articles';

jest.setTimeout(120_000);

describe('page cache (publishing service)', () => {
  let publishing: PublishingUnderTest;
  let service: ServiceUnderTest;
  let site: HttpClient;

  beforeAll(async () => {
    publishing = await PublishingUnderTest.start('publishing_page_cache');
    service = publishing.service;
    site = service.anonymous;
  });

  afterAll(() => publishing?.stop());

  /** Approves a new article over Kafka and returns its id and slug once its page is up. */
  async function publish(headline: string): Promise<{ id: string; slug: string }> {
    const id = randomUUID();
    await publishing.deliver(approvalEvent({ articleId: id, article: testContent({ headline, tags: ['cache'] }) }));
    const [row] = await service.sql<{ slug: string }>('SELECT slug FROM articles WHERE id = $1', [id]);
    return { id, slug: row.slug };
  }

  /** Changes an article's stored headline with SQL, as no part of the service ever would: no event, no request. */
  const rewriteBehindTheCache = (id: string, headline: string) =>
    service.sql(`UPDATE articles SET content = jsonb_set(content, '{headline}', to_jsonb($2::text)) WHERE id = $1`, [id, headline]);

  it('serves a page from memory, with its validators, until the service changes something', async () => {
    const { id, slug } = await publish('Ferry timetable doubles');
    const first = await site.get(`/articles/${slug}`);
    expect(first.status).toBe(200);
    await rewriteBehindTheCache(id, 'Rewritten behind the cache');

    const again = await site.get(`/articles/${slug}`);
    expect([again.status, again.text, again.headers.get('etag')]).toEqual([200, first.text, first.headers.get('etag')]);
    // Answered ahead of the framework, with every header the rendered page had (security headers included).
    // (The client takes gzip: a rendered page is streamed through compression, a kept one sent with its length.)
    const perResponse = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    const headersOf = (response: typeof first) => [...response.headers].filter(([name]) => !perResponse.has(name));
    expect(headersOf(again)).toEqual(headersOf(first));
    const revalidated = await site.get(`/articles/${slug}`, { headers: { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(revalidated.status).toBe(304);
    // A kept page exists, so `*` matches it; a date to come matches nothing (the full page).
    const conditional = (validator: Record<string, string>) => site.get(`/articles/${slug}`, { headers: { ...validator, 'cache-control': 'max-age=0' } });
    expect((await conditional({ 'if-none-match': '*' })).status).toBe(304);
    const tomorrow = await conditional({ 'if-modified-since': new Date(Date.now() + 86_400_000).toUTCString() });
    expect([tomorrow.status, tomorrow.text]).toEqual([200, first.text]);
    // Any other parameter than `page` is not cached: this one reads the database.
    expect((await site.get(`/articles/${slug}?utm_source=test`)).text).toContain('Rewritten behind the cache');

    await service.as('editor', EDITOR).post(`/v1/articles/${id}/corrections`, { note: 'The timetable starts in May.' });
    const corrected = await site.get(`/articles/${slug}`);
    expect(corrected.text).toContain('The timetable starts in May.');
    expect(corrected.text).toContain('Rewritten behind the cache');
  });

  it('shows a story approved over Kafka on the front page once it is live', async () => {
    expect((await site.get('/')).status).toBe(200);
    const { slug } = await publish('Night market returns to the quay');
    await eventually('the front page to list the new story', async () => ((await site.get('/')).text.includes(`/articles/${slug}`) ? true : undefined));
  });

  it('counts a share on the article page at once', async () => {
    const { slug } = await publish('Lighthouse reopens to visitors');
    expect((await site.get(`/articles/${slug}`)).text).not.toContain('share-count');
    expect((await site.post(`/articles/${slug}/share/facebook`)).status).toBe(303);
    expect((await site.get(`/articles/${slug}`)).text).toContain('<span class="share-count">Shared once</span>');
  });

  it('sends a kept page gzipped to a reader who takes gzip, and as it is to one who does not', async () => {
    const { slug } = await publish('Harbour wall repairs begin');
    const path = `/articles/${slug}`;
    const rendered = await rawGet(service.baseUrl, path, 'gzip');
    const kept = await rawGet(service.baseUrl, path, 'gzip');
    const plain = await rawGet(service.baseUrl, path, undefined);
    const refusesGzip = await rawGet(service.baseUrl, path, 'gzip;q=0, identity');
    for (const answer of [rendered, kept]) {
      expect([answer.status, answer.headers['content-encoding'], answer.headers.vary]).toEqual([200, 'gzip', 'Accept-Encoding']);
      expect(gunzipSync(answer.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    }
    expect(Number(kept.headers['content-length'])).toBe(kept.body.length);
    expect(kept.body.length).toBeLessThan(plain.body.length / 3);
    for (const answer of [plain, refusesGzip]) {
      expect([answer.status, answer.headers['content-encoding'], answer.headers.vary]).toEqual([200, undefined, 'Accept-Encoding']);
      expect(answer.body.toString('utf8')).toContain('Harbour wall repairs begin');
    }
    // A validator still answers 304, with no body, whichever copy the reader had.
    const revalidated = await rawGet(service.baseUrl, path, 'gzip', { 'if-none-match': String(kept.headers.etag) });
    expect([revalidated.status, revalidated.body.length]).toEqual([304, 0]);
  });

  it('gzips the feeds for a feed reader that takes gzip', async () => {
    await publish('Ferry fares frozen for winter');
    for (const feed of ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json']) {
      const gzipped = await rawGet(service.baseUrl, feed, 'gzip');
      const plain = await rawGet(service.baseUrl, feed, undefined);
      expect([feed, gzipped.status, gzipped.headers['content-encoding']]).toEqual([feed, 200, 'gzip']);
      expect(gunzipSync(gzipped.body).toString('utf8')).toBe(plain.body.toString('utf8'));
      expect(plain.headers['content-encoding']).toBeUndefined();
    }
  });
});

/** A GET whose body is read as sent (fetch would take gzip and decode it unasked). */
function rawGet(baseUrl: string, path: string, acceptEncoding: string | undefined, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = httpGet(`${baseUrl}${path}`, { headers: { ...headers, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
