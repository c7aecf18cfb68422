/**
 * The publishing service end to end, in process, against the real PostgreSQL and the local
 * broker: approvals in through the review-topic consumer (validation, provenance, inbox,
 * dead letters for forged approvals), the public site and JSON API over HTTP, editors'
 * corrections and withdrawals, the scheduler across a restart, and the publishing events out
 * through the outbox. The rules behind each answer are covered one by one in the use-case
 * specs; this suite checks that the wiring carries them.
 */
import { randomUUID } from 'node:crypto';
import { createEvent, deadLetterTopicOf, EVENT_TYPES, TOPICS, type NewsroomEvent } from '@newsroom/contracts';
import { DLQ_HEADERS } from '@newsroom/messaging';
import { eventually, sleep, type HttpClient, type ReceivedMessage, type ServiceUnderTest, type TestEventBus } from '@newsroom/test-harness';
import type { QueryRunner } from 'typeorm';
import { ArticleRepository } from './articles/persistence/article.repository';
import { AuthorSlugsInEveryScript1766000000000 } from './migrations/1766000000000-author-slugs-in-every-script';
import { SearchAsReadersType1766000100000 } from './migrations/1766000100000-search-as-readers-type';
import { scriptRisks } from '../test/html-safety';
import { jsonFeedProblems } from '../test/json-feed';
import { publicSurfaces, sitemapFiles, sitemapUrls, surfacesMentioning, type SurfaceProbe } from '../test/public-surfaces';
import { AUTHOR, EDITOR, PUBLIC_BASE_URL } from '../test/publishing.fixtures';
import { approvalEvent as approved, PublishingUnderTest } from '../test/publishing-under-test';
import { testContent } from '../test/test-articles';
import { elementsNamed, parseXml, textOf } from '../test/xml';

jest.setTimeout(120_000);

const DEAD_LETTERS = deadLetterTopicOf(TOPICS.review);

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string }[] };
}

describe('publishing service', () => {
  let publishing: PublishingUnderTest;
  let service: ServiceUnderTest;
  let bus: TestEventBus;
  let publishingTopic: ReceivedMessage[];
  let deadLetters: ReceivedMessage[];
  let site: HttpClient;
  let editor: HttpClient;

  beforeAll(async () => {
    publishing = await PublishingUnderTest.start('publishing_service');
    ({ service, bus } = publishing);
    [publishingTopic, deadLetters] = await Promise.all([bus.collect(TOPICS.publishing), bus.collect(DEAD_LETTERS)]);
    site = service.anonymous;
    editor = service.as('editor', EDITOR);
  });

  afterAll(() => publishing?.stop());

  const deliver = (event: NewsroomEvent) => publishing.deliver(event);

  /** The publishing events about `articleId` once there are at least `count` of `type`. */
  function emittedWhen<T extends NewsroomEvent['type']>(type: T, articleId: string, count = 1): Promise<Extract<NewsroomEvent, { type: T }>[]> {
    return eventually(`${count} × ${type} for ${articleId}`, () => {
      const events = emitted(articleId).filter((event): event is Extract<NewsroomEvent, { type: T }> => event.type === type);
      return events.length >= count ? events : undefined;
    });
  }

  const emitted = (articleId: string) => publishingTopic.flatMap((message) => (message.event?.subject === articleId ? [message.event] : []));

  /** The dead letter of the event `eventId`, once it is there. */
  const deadLetterOf = (eventId: string) =>
    eventually(`the dead letter of ${eventId}`, () => deadLetters.find((message) => message.event?.id === eventId));

  describe('an approved article', () => {
    const lead = randomUUID();
    const headline = 'Harbour council approves <script>alert("x")</script> crane ban';
    const content = testContent({
      headline,
      body: [
        { type: 'paragraph', text: 'The council voted **7 to 2** "onerror=alert(1) and [see the order](https://example.org/order?a=1&b=2).' },
        { type: 'paragraph', text: 'The approved second paragraph.' },
      ],
    });
    const slug = 'harbour-council-approves-script-alertx-script-crane-ban';
    const url = `${PUBLIC_BASE_URL}/articles/${slug}`;
    const approval = approved({ articleId: lead, revision: 2, article: content, priority: 'breaking' });

    beforeAll(() => deliver(approval));

    it('is announced once on the publishing topic, even when the approval is delivered twice', async () => {
      const [published] = await emittedWhen(EVENT_TYPES.articlePublished, lead);
      expect(published).toMatchObject({ source: 'newsroom/publishing', data: { articleId: lead, revision: 2, slug, url, headline, priority: 'breaking' } });

      const original = emitted(lead).length;
      const marker = approved({ article: testContent({ headline: 'Marker after a redelivery' }) });
      // The same event again, then another approval behind it in the same partition: once that one is handled, the duplicate was too.
      await bus.produce(TOPICS.review, approval);
      await bus.produce(TOPICS.review, marker, { key: lead });
      await service.handled(marker.id);
      await emittedWhen(EVENT_TYPES.articlePublished, marker.subject);
      expect(emitted(lead)).toHaveLength(original);
    });

    it('has a page with the approved text, escaped, behind the site’s security and cache headers', async () => {
      const page = await site.get(`/articles/${slug}`);

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toContain('The approved second paragraph.');
      expect(page.text).toContain('<h1 class="headline">Harbour council approves &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; crane ban</h1>');
      expect(page.text).toContain('&quot;onerror=alert(1) and <a href="https://example.org/order?a=1&amp;b=2" rel="noopener">see the order</a>.');
      expect(page.text).toContain(`<link rel="canonical" href="${url}">`);
      expect(scriptRisks(page.text)).toEqual([]);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300, stale-if-error=86400');
      // fetch sends "Cache-Control: no-cache" with a conditional request unless told otherwise, which a server must not answer with 304.
      const etag = page.headers.get('etag') ?? '';
      expect((await site.get(`/articles/${slug}`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } })).status).toBe(304);
    });

    it('is in the JSON API in ninjs form with safe body HTML', async () => {
      const { status, body } = await site.get<Record<string, unknown>>(`/v1/articles/${lead}`);

      expect(status).toBe(200);
      expect(body).toMatchObject({ uri: url, type: 'text', pubstatus: 'usable', headline, urgency: 1, slug, revision: 2, article: JSON.parse(JSON.stringify(content)) });
      expect(body.body_html).toContain('The approved second paragraph.');
      expect(body.body_html).toContain('<a href="https://example.org/order?a=1&amp;b=2" rel="noopener">see the order</a>');
    });

    it('is on the front page, in its section, the feeds and the sitemaps', async () => {
      const front = await site.get('/');
      expect(front.text).toContain(`href="/articles/${slug}"`);
      expect(front.text).toContain('<span class="badge">Breaking</span>');
      expect((await site.get('/sections/politics')).status).toBe(200);

      for (const path of ['/feeds/rss.xml', '/sections/politics/feeds/rss.xml']) {
        const rss = await site.get(path);
        expect(rss.headers.get('content-type')).toContain('application/rss+xml');
        expect(elementsNamed(parseXml(rss.text), 'item').map((item) => textOf(elementsNamed(item, 'link')[0]))).toContain(url);
      }
      for (const path of ['/feeds/atom.xml', '/sections/politics/feeds/atom.xml']) {
        const atom = await site.get(path);
        expect(atom.headers.get('content-type')).toContain('application/atom+xml');
        expect(elementsNamed(parseXml(atom.text), 'entry').map((entry) => textOf(elementsNamed(entry, 'id')[0]))).toContain(url);
      }
      for (const path of ['/feeds/feed.json', '/sections/politics/feeds/feed.json', '/tags/ports/feeds/feed.json', '/authors/olena-kravets/feeds/feed.json']) {
        const json = await site.get<{ items: { url: string }[] }>(path);
        expect(json.headers.get('content-type')).toContain('application/feed+json');
        expect(jsonFeedProblems(json.body)).toEqual([]);
        expect(json.body.items.map((item) => item.url)).toContain(url);
      }
      expect((await site.get('/sections/no-such-section/feeds/rss.xml')).status).toBe(404);

      const sitemaps = await sitemapFiles(site);
      expect(sitemaps.map((file) => [file.path, file.status])).toEqual([
        ['/sitemap.xml', 200],
        ['/sitemaps/pages.xml', 200],
        ['/sitemaps/articles-1.xml', 200],
        ['/sitemaps/news.xml', 200],
      ]);
      expect((await site.get('/sitemap.xml')).headers.get('content-type')).toContain('application/xml');
      const listed = await sitemapUrls(site);
      expect(listed).toEqual(expect.arrayContaining([url, `${PUBLIC_BASE_URL}/sections/politics`, `${PUBLIC_BASE_URL}/tags/ports`, `${PUBLIC_BASE_URL}/authors/olena-kravets`]));
      const news = elementsNamed(parseXml((await site.get('/sitemaps/news.xml')).text), 'url').find((entry) => textOf(elementsNamed(entry, 'loc')[0]) === url);
      expect(['news:name', 'news:language', 'news:title'].map((name) => textOf(elementsNamed(news!, name)[0]))).toEqual(['Newsroom', 'en', headline]);
    });

    it('takes a newer revision’s text at the same address, says "Updated" and announces the update', async () => {
      await deliver(approved({ articleId: lead, revision: 3, article: testContent({ headline, body: [{ type: 'paragraph', text: 'Revision three text.' }] }), priority: 'breaking' }));
      const [update] = await emittedWhen(EVENT_TYPES.articleUpdated, lead);

      expect(update.data).toMatchObject({ revision: 3, slug, updatedAt: update.time });
      expect(emitted(lead).filter((event) => event.type === EVENT_TYPES.articlePublished)).toHaveLength(1);
      const page = await site.get(`/articles/${slug}`);
      expect(page.text).toContain('Revision three text.');
      expect(page.text).not.toContain('The approved second paragraph.');
      expect(page.text).toContain(`<span class="updated">Updated <time datetime="${update.time}">`);
      const searched = await site.get<{ items: { id: string }[] }>('/v1/search?q=revision%20three');
      expect(searched.body.items.map((item) => item.id)).toContain(lead);
    });

    it('is refused, dead-lettered with the reason and left unchanged, when a forged approval follows', async () => {
      const before = await site.get<{ version: string }>(`/v1/articles/${lead}`);
      const published = emitted(lead).length;
      const forgeries = [
        ['ARTICLE.STALE_REVISION', approved({ articleId: lead, revision: 2, article: testContent({ headline: 'Forged replacement' }) })],
        ['ARTICLE.SELF_APPROVAL', approved({ articleId: lead, revision: 4, editorId: AUTHOR, article: testContent({ headline: 'Forged replacement' }) })],
        [
          'ARTICLE.BLOCKING_CHECKS',
          approved({ articleId: lead, revision: 4, article: testContent({ headline: 'Forged replacement', body: [{ type: 'paragraph', text: 'Read [this](javascript:alert(1)).' }] }) }),
        ],
        ['invalid event', { ...approved({ articleId: lead, revision: 5, article: testContent({ headline: 'Forged replacement' }) }), source: 'newsroom/drafting' } as NewsroomEvent],
      ] as const;

      for (const [reason, forged] of forgeries) {
        await bus.produce(TOPICS.review, forged);
        const letter = await deadLetterOf(forged.id);
        expect(letter.headers[DLQ_HEADERS.error]).toMatch(new RegExp(`^${reason}`));
        expect(letter.headers[DLQ_HEADERS.sourceTopic]).toBe(TOPICS.review);
      }

      expect((await site.get<{ version: string }>(`/v1/articles/${lead}`)).body).toEqual(before.body);
      expect((await site.get(`/articles/${slug}`)).text).not.toContain('Forged');
      expect(emitted(lead)).toHaveLength(published);
    });
  });

  it('never publishes a forged approval of a new article', async () => {
    const forged = approved({ editorId: AUTHOR, article: testContent({ headline: 'Approved by its own author' }) });
    await bus.produce(TOPICS.review, forged);

    expect((await deadLetterOf(forged.id)).headers[DLQ_HEADERS.error]).toMatch(/^ARTICLE\.SELF_APPROVAL/);
    expect((await site.get(`/v1/articles/${forged.subject}`)).status).toBe(404);
    expect(await service.sql('SELECT 1 FROM articles WHERE id = $1', [forged.subject])).toEqual([]);
    expect(emitted(forged.subject)).toEqual([]);
  });

  it('passes over review events other than approvals', async () => {
    const articleId = randomUUID();
    const claimed = createEvent(EVENT_TYPES.reviewClaimed, { articleId, revision: 1, editorId: EDITOR, claimedAt: new Date().toISOString() }, { subject: articleId });
    await bus.produce(TOPICS.review, claimed);
    // Skipped events leave no inbox row; an approval behind it on the same key shows it was passed over.
    await deliver(approved({ articleId, article: testContent({ headline: 'Published after a claim' }) }));

    await emittedWhen(EVENT_TYPES.articlePublished, articleId);
    // The publication, then the cache purge it causes (same transaction, same key, in order).
    const [purge] = await emittedWhen(EVENT_TYPES.sitePurged, articleId);
    expect(purge.data).toMatchObject({ articleId, reason: 'published', urls: expect.arrayContaining([`${PUBLIC_BASE_URL}/`, `${PUBLIC_BASE_URL}/articles/published-after-a-claim`]) });
    expect(emitted(articleId).map((event) => event.type)).toEqual([EVENT_TYPES.articlePublished, EVENT_TYPES.sitePurged]);
    expect(deadLetters.find((message) => message.event?.id === claimed.id)).toBeUndefined();
  });

  it('holds a scheduled article until its time, durably across a restart', async () => {
    const articleId = randomUUID();
    const dueAt = new Date(Date.now() + 3000);
    await deliver(approved({ articleId, article: testContent({ headline: 'Embargoed flood report', section: 'climate' }), embargoUntil: dueAt.toISOString() }));

    const [scheduled] = await emittedWhen(EVENT_TYPES.publicationScheduled, articleId);
    expect(scheduled.data).toEqual({ articleId, revision: 1, publishAt: dueAt.toISOString() });
    expect((await site.get(`/v1/articles/${articleId}`)).status).toBe(404);
    expect((await site.get('/feeds/feed.json')).text).not.toContain('Embargoed flood report');

    await service.stop();
    await sleep(Math.max(0, dueAt.getTime() - Date.now()) + 200);
    expect(emitted(articleId).map((event) => event.type)).toEqual([EVENT_TYPES.publicationScheduled]);
    await service.boot();

    const [live] = await emittedWhen(EVENT_TYPES.articlePublished, articleId);
    expect(new Date(live.time).getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect((await site.get(`/articles/${live.data.slug}`)).text).toContain('Embargoed flood report');
  });

  describe('an embargoed story', () => {
    // Long enough for the two deliveries and the surfaces' first look to happen before it ends on
    // a busy machine (the first test checks it did); the second test waits out the rest.
    const EMBARGO_MS = 12_000;
    const fresh: SurfaceProbe = {
      articleId: randomUUID(),
      slug: 'zephyrine-tidal-barrage-approved',
      section: 'embargoed-desk',
      tag: 'zephyrine-barrage',
      author: 'quillon-vasquez',
      words: ['Zephyrine', 'barrage', 'Quillon', 'tides'],
    };
    const update: SurfaceProbe = { articleId: randomUUID(), section: 'politics', tag: 'harbourmasters', author: 'olena-kravets', words: ['xylocarp', 'inquiry'] };
    /** What only the story says: search pages echo the reader's words, so these are never searched for as such. */
    const freshSecrets = ['Zephyrine tidal', 'Quillon Vasquez', 'quillon-vasquez', 'embargoed-desk', 'spring tides'];
    const updateSecrets = ['xylocarp inquiry', 'inquiry closed'];
    const searchTotals = (surfaces: { path: string; text: string }[]) =>
      surfaces.filter((surface) => surface.path.startsWith('/v1/search')).map((surface) => (JSON.parse(surface.text) as { total: number }).total);
    let embargoUntil: Date;

    beforeAll(async () => {
      await deliver(approved({ articleId: update.articleId, article: testContent({ headline: 'Harbourmaster retires', tags: ['harbourmasters'] }) }));
      embargoUntil = new Date(Date.now() + EMBARGO_MS);
      await deliver(
        approved({
          articleId: fresh.articleId,
          publishAt: new Date().toISOString(),
          embargoUntil: embargoUntil.toISOString(),
          article: testContent({
            headline: 'Zephyrine tidal barrage approved',
            section: 'embargoed-desk',
            tags: ['zephyrine-barrage'],
            bylines: [{ name: 'Quillon Vasquez' }],
            body: [{ type: 'paragraph', text: 'The Zephyrine barrage will hold back spring tides.' }],
          }),
        }),
      );
      await deliver(
        approved({
          articleId: update.articleId,
          revision: 2,
          embargoUntil: embargoUntil.toISOString(),
          article: testContent({ headline: 'Harbourmaster retires after xylocarp inquiry', tags: ['harbourmasters'], body: [{ type: 'paragraph', text: 'The xylocarp inquiry closed.' }] }),
        }),
      );
    });

    it('leaks nowhere before its time: page, API, lists, tag and author pages, feeds, sitemaps, search', async () => {
      const [freshSurfaces, updateSurfaces] = await Promise.all([publicSurfaces(site, fresh), publicSurfaces(site, update)]);
      // The check means something only if it was made while the embargo held.
      expect(Date.now()).toBeLessThan(embargoUntil.getTime());

      for (const secret of freshSecrets) expect([secret, surfacesMentioning(freshSurfaces, secret)]).toEqual([secret, []]);
      for (const secret of updateSecrets) expect([secret, surfacesMentioning(updateSurfaces, secret)]).toEqual([secret, []]);
      expect(searchTotals(freshSurfaces)).toEqual([0, 0, 0, 0]);
      expect(searchTotals(updateSurfaces)).toEqual([0, 0]);
      const elsewhere = freshSurfaces.filter((surface) => surface.path !== `/v1/articles/${fresh.articleId}`);
      expect(surfacesMentioning(elsewhere, fresh.articleId)).toEqual([]);
      // The API answers exactly as for an id it has never seen.
      const unknownId = randomUUID();
      const unknown = await site.get(`/v1/articles/${unknownId}`);
      expect(freshSurfaces.find((surface) => surface.path === `/v1/articles/${fresh.articleId}`)?.text.replace(fresh.articleId, unknownId)).toBe(unknown.text);
      const answers = Object.fromEntries(freshSurfaces.map((surface) => [surface.path, surface.status]));
      expect([answers[`/articles/${fresh.slug}`], answers[`/v1/articles/${fresh.articleId}`], answers['/tags/zephyrine-barrage'], answers['/authors/quillon-vasquez']]).toEqual([
        404, 404, 404, 404,
      ]);
      // The live text of the updated story stays public meanwhile.
      expect(surfacesMentioning(updateSurfaces, 'Harbourmaster retires').length).toBeGreaterThan(5);
    });

    it('is everywhere once its time has come', async () => {
      const [live] = await emittedWhen(EVENT_TYPES.articlePublished, fresh.articleId);
      expect(new Date(live.time).getTime()).toBeGreaterThanOrEqual(embargoUntil.getTime());
      await emittedWhen(EVENT_TYPES.articleUpdated, update.articleId);

      const surfaces = await publicSurfaces(site, { ...fresh, slug: live.data.slug });
      const statuses = Object.fromEntries(surfaces.map((surface) => [surface.path, surface.status]));
      expect(surfaces.every((surface) => surface.status === 200)).toBe(true);
      expect(statuses[`/articles/${live.data.slug}`]).toBe(200);
      const mentioning = surfacesMentioning(surfaces, 'Zephyrine tidal barrage approved');
      expect(mentioning).toEqual(
        expect.arrayContaining(['/ (200)', '/sections/embargoed-desk (200)', '/tags/zephyrine-barrage (200)', '/authors/quillon-vasquez (200)', '/feeds/feed.json (200)', '/tags/zephyrine-barrage/feeds/rss.xml (200)']),
      );
      expect(searchTotals(surfaces)).toEqual([1, 1, 1, 1]);
      expect(await sitemapUrls(site)).toContain(live.data.url);
      const updated = await publicSurfaces(site, update);
      expect(surfacesMentioning(updated, 'xylocarp inquiry')).toEqual(expect.arrayContaining([`/v1/articles/${update.articleId} (200)`, '/tags/harbourmasters (200)']));
      expect(searchTotals(updated)).toEqual([1, 1]);
    });
  });

  describe('editors', () => {
    let live: string;
    let slug: string;
    let waiting: string;

    beforeAll(async () => {
      live = randomUUID();
      waiting = randomUUID();
      await deliver(approved({ articleId: live, article: testContent({ headline: 'Port tolls rise in spring' }) }));
      await deliver(approved({ articleId: waiting, publishAt: new Date(Date.now() + 365 * 86400_000).toISOString() }));
      slug = (await emittedWhen(EVENT_TYPES.articlePublished, live))[0].data.slug;
    });

    it('need a token (401) and the editor role (403)', async () => {
      expect((await site.post<ErrorBody>(`/v1/articles/${live}/corrections`, { note: 'x' })).body.error.code).toBe('AUTH.REQUIRED');
      const reporter = await service.as('reporter', AUTHOR).post<ErrorBody>(`/v1/articles/${live}/unpublish`, { reason: 'x' });
      expect([reporter.status, reporter.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    });

    it('get coded errors for unknown, malformed, not yet live and invalid requests, and nothing changes', async () => {
      const version = (await site.get<{ version: string }>(`/v1/articles/${live}`)).body.version;
      const answers = await Promise.all([
        editor.post<ErrorBody>(`/v1/articles/${randomUUID()}/corrections`, { note: 'x' }),
        editor.post<ErrorBody>('/v1/articles/not-a-uuid/unpublish', { reason: 'x' }),
        editor.post<ErrorBody>(`/v1/articles/${waiting}/corrections`, { note: 'x' }),
        editor.post<ErrorBody>(`/v1/articles/${waiting}/unpublish`, { reason: 'x' }),
        editor.post<ErrorBody>(`/v1/articles/${live}/corrections`, { changes: { standfirst: 'x' } }),
        editor.post<ErrorBody>(`/v1/articles/${live}/corrections`, { note: 'Fix', changes: { headline: '', body: [{ type: 'video' }] } }),
      ]);
      expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [404, 'ARTICLE.NOT_FOUND'],
        [400, 'REQUEST.INVALID_ID'],
        [409, 'ARTICLE.NOT_PUBLISHED'],
        [409, 'ARTICLE.NOT_PUBLISHED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'ARTICLE.INVALID_CORRECTION'],
      ]);
      expect(answers[5].body.error.details?.map((detail) => detail.path).sort()).toEqual(['changes.body.0.type', 'changes.headline']);
      expect((await site.get<{ version: string }>(`/v1/articles/${live}`)).body.version).toBe(version);
    });

    it('cannot put in by a correction what approval refuses, nor send unknown or unchanged fields; nothing is stored or announced', async () => {
      const liveContent = testContent({ headline: 'Port tolls rise in spring' });
      const version = (await site.get<{ version: string }>(`/v1/articles/${live}`)).body.version;
      const withBlock = (block: Record<string, unknown>) => ({ note: 'n', changes: { body: [...liveContent.body, block] } });
      const path = `/v1/articles/${live}/corrections`;
      const answers = await Promise.all([
        editor.post<ErrorBody>(path, withBlock({ type: 'paragraph', text: '[x](javascript:alert(1))' })),
        editor.post<ErrorBody>(path, withBlock({ type: 'quote', text: 'See [the letter](javascript:alert(1)).', attribution: 'A resident' })),
        editor.post<ErrorBody>(path, undefined, { raw: '{"note":"n","changes":{"__proto__":{"x":1}}}' }),
        editor.post<ErrorBody>(path, undefined, { raw: '{"note":"n","changes":{"constructor":{"x":1}}}' }),
        editor.post<ErrorBody>(path, { note: 'n', changes: { html: '<b>bold</b>' } }),
        editor.post<ErrorBody>(path, { note: 'n', changes: {} }),
        editor.post<ErrorBody>(path, { note: 'n', changes: { headline: liveContent.headline, standfirst: liveContent.standfirst } }),
      ]);

      expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [409, 'ARTICLE.BLOCKING_CHECKS'],
        [409, 'ARTICLE.BLOCKING_CHECKS'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'ARTICLE.NOTHING_CORRECTED'],
        [400, 'ARTICLE.NOTHING_CORRECTED'],
      ]);
      const unsafeLink = { code: 'UNSAFE_LINK', severity: 'error', path: `body.${liveContent.body.length}.text` };
      expect(answers[0].body.error.details).toEqual([expect.objectContaining(unsafeLink)]);
      expect(answers[1].body.error.details).toEqual([expect.objectContaining(unsafeLink)]);
      expect(answers.slice(2, 5).map((answer) => answer.body.error.details?.map((detail) => detail.path))).toEqual([
        ['changes.__proto__'],
        ['changes.constructor'],
        ['changes.html'],
      ]);
      const api = await site.get<{ version: string }>(`/v1/articles/${live}`, { headers: { 'cache-control': 'no-cache' } });
      expect(api.body.version).toBe(version);
      expect(api.text).not.toContain('javascript:');
      expect(await service.sql('SELECT 1 FROM corrections WHERE article_id = $1', [live])).toEqual([]);
      const recorded = await service.sql<{ type: string }>(`SELECT payload->>'type' AS type FROM outbox WHERE message_key = $1`, [live]);
      expect(recorded.map((event) => event.type)).not.toContain(EVENT_TYPES.articleCorrected);
    });

    it('correct a live article: the new text, a public note on the page and in the log, the corrected event', async () => {
      const note = 'An earlier version gave the wrong vote count.';
      const response = await editor.post<{ description_text: string; corrections: { note: string }[]; slug: string }>(`/v1/articles/${live}/corrections`, {
        note,
        changes: { standfirst: 'The vote was 7 to 2, not 8 to 1.' },
      });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ description_text: 'The vote was 7 to 2, not 8 to 1.', corrections: [expect.objectContaining({ note })], slug });
      const [corrected] = await emittedWhen(EVENT_TYPES.articleCorrected, live);
      expect(corrected.data).toMatchObject({ slug, standfirst: 'The vote was 7 to 2, not 8 to 1.', correctionNote: note });
      const page = (await site.get(`/articles/${slug}`)).text;
      expect(page).toContain('class="corrections-notice"');
      expect(page).toContain(note);
      const log = (await site.get('/corrections')).text;
      expect(log).toContain(note);
      expect(log).toContain(`href="/articles/${slug}"`);
      // one page so far: a bad page is refused, a page past the last is not there
      const pages = await Promise.all(['/corrections?page=abc', '/corrections?page=0', '/corrections?page=2'].map((path) => site.get(path)));
      expect(pages.map((answer) => [answer.status, /REQUEST\.INVALID_PAGE/.test(answer.text)])).toEqual([
        [400, true],
        [400, true],
        [404, false],
      ]);
      // `changes: null` is a note alone, as an absent field is
      const noteOnly = await editor.post<{ corrections: { note: string }[]; version: string }>(`/v1/articles/${live}/corrections`, { note: 'Clarified who spoke.', changes: null });
      expect([noteOnly.status, noteOnly.body.corrections.map((correction) => correction.note)]).toEqual([201, expect.arrayContaining(['Clarified who spoke.', note])]);
      // If-Match: a correction made from an older version would undo what came since, so it is refused
      const current = noteOnly.body.version;
      const stale = await editor.post<ErrorBody & { error: { details: { currentVersion: number } } }>(
        `/v1/articles/${live}/corrections`,
        { note: 'From an old copy.', changes: { standfirst: 'The old standfirst.' } },
        { headers: { 'if-match': `"${Number(current) - 1}"` } },
      );
      expect([stale.status, stale.body.error.code, stale.body.error.details.currentVersion]).toEqual([412, 'ARTICLE.VERSION_CONFLICT', Number(current)]);
      expect((await editor.post<ErrorBody>(`/v1/articles/${live}/corrections`, { note: 'x' }, { headers: { 'if-match': 'yesterday' } })).body.error.code).toBe('REQUEST.INVALID_IF_MATCH');
      const fresh = await editor.post<{ description_text: string }>(`/v1/articles/${live}/corrections`, { note: 'Named the venue.', changes: { standfirst: 'The vote, in the town hall, was 7 to 2.' } }, { headers: { 'if-match': `"${current}"` } });
      expect([fresh.status, fresh.body.description_text]).toEqual([201, 'The vote, in the town hall, was 7 to 2.']);
    });

    it('unpublish a live article: a 410 page, withdrawn in the API, gone from lists, feeds and sitemaps, the unpublished event', async () => {
      const response = await editor.post<{ pubstatus: string }>(`/v1/articles/${live}/unpublish`, { reason: 'Legal hold' });

      expect([response.status, response.body.pubstatus]).toEqual([200, 'withdrawn']);
      const [unpublished] = await emittedWhen(EVENT_TYPES.articleUnpublished, live);
      expect(unpublished.data).toMatchObject({ articleId: live, reason: 'Legal hold', editorId: EDITOR });
      const page = await site.get(`/articles/${slug}`);
      expect([page.status, page.headers.get('content-type')]).toEqual([410, expect.stringMatching(/^text\/html/)]);
      expect(page.text).toContain('This article has been withdrawn');
      // A client that asks for JSON gets the coded error, whether or not the notice page is kept.
      for (let i = 0; i < 2; i += 1) {
        const json = await site.get<ErrorBody>(`/articles/${slug}`, { headers: { accept: 'application/json' } });
        expect([json.status, json.body, json.headers.get('vary'), json.headers.get('cache-control')]).toEqual([
          410,
          { error: { code: 'ARTICLE.WITHDRAWN', message: 'This article has been withdrawn' } },
          expect.stringMatching(/Accept\b/),
          'no-store',
        ]);
        const again = await site.get(`/articles/${slug}`, { headers: { accept: 'text/html' } });
        expect([again.status, again.text.includes('This article has been withdrawn'), again.headers.get('vary')]).toEqual([410, true, expect.stringMatching(/Accept\b/)]);
      }
      const api = (await site.get<Record<string, unknown>>(`/v1/articles/${live}`)).body;
      expect(api.pubstatus).toBe('withdrawn');
      expect(api).not.toHaveProperty('body_html');
      expect(api).not.toHaveProperty('article');
      expect((await site.get('/feeds/feed.json')).text).not.toContain(`/articles/${slug}"`);
      expect(await sitemapUrls(site)).not.toContain(`${PUBLIC_BASE_URL}/articles/${slug}`);
      expect((await site.get<{ items: { id: string }[] }>('/v1/articles?limit=100')).body.items.map((item) => item.id)).not.toContain(live);
      // Editors find it among the stories taken off the site, a page at a time, with how many there are.
      const withdrawn = await editor.get<{ items: { articleId: string; reason: string }[]; total: number }>('/v1/withdrawn?limit=1');
      expect([withdrawn.status, withdrawn.body.items, withdrawn.body.total]).toEqual([200, [expect.objectContaining({ articleId: live, reason: 'Legal hold' })], expect.any(Number)]);
      const pages = await Promise.all(['/v1/withdrawn?offset=-1', '/v1/withdrawn?offset=x', '/v1/withdrawn?limit=501'].map((path) => editor.get<ErrorBody>(path)));
      expect(pages.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
      ]);
      expect((await service.as('reporter', AUTHOR).get<ErrorBody>('/v1/withdrawn')).status).toBe(403);
      expect((await editor.post(`/v1/articles/${live}/unpublish`, { reason: 'again' })).status).toBe(409);
      expect((await editor.post(`/v1/articles/${live}/corrections`, { note: 'late' })).status).toBe(409);
    });
  });

  it('sets an Arabic story right to left on every output: page, lists, feeds, API and search', async () => {
    const articleId = randomUUID();
    await deliver(
      approved({
        articleId,
        article: testContent({
          headline: 'افتتاح خط حافلات ليلي في المدينة',
          standfirst: 'يربط الخط (ن1) المحطة بالمستشفى كل 20 دقيقة.',
          dateline: { place: 'القاهرة', date: '2025-11-21' },
          language: 'ar',
          section: 'cities',
          tags: ['night-buses'],
          body: [{ type: 'paragraph', text: 'تعمل الحافلات من منتصف الليل حتى الخامسة صباحاً.' }],
        }),
      }),
    );
    const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, articleId))[0].data;

    const page = await site.get(`/articles/${slug}`);
    expect(page.text).toContain('<article class="article" lang="ar" dir="rtl">');
    expect((await site.get('/tags/night-buses')).text).toMatch(/<article class="card card-lead" lang="ar" dir="rtl">/);
    const rss = await site.get('/tags/night-buses/feeds/rss.xml');
    expect(textOf(elementsNamed(parseXml(rss.text), 'content:encoded')[0])).toMatch(/^<div lang="ar" dir="rtl">/);
    const atom = await site.get('/tags/night-buses/feeds/atom.xml');
    expect(textOf(elementsNamed(parseXml(atom.text), 'content')[0])).toMatch(/^<div lang="ar" dir="rtl">/);
    const json = await site.get<{ items: { language: string; content_html: string }[] }>('/tags/night-buses/feeds/feed.json');
    expect(json.body.items[0]).toMatchObject({ language: 'ar', content_html: expect.stringMatching(/^<div lang="ar" dir="rtl">/) });
    expect((await site.get<{ direction: string; language: string }>(`/v1/articles/${articleId}`)).body).toMatchObject({ language: 'ar', direction: 'rtl' });
    const search = await site.get<{ items: { id: string }[] }>(`/v1/search?q=${encodeURIComponent('الحافلات')}`);
    expect(search.body.items.map((item) => item.id)).toContain(articleId);
    expect((await site.get(`/search?q=${encodeURIComponent('الحافلات')}`)).text).toMatch(/<li class="search-result" lang="ar" dir="rtl">/);
  });

  describe('what approving a newer revision would do with the corrections of the live text', () => {
    const story = randomUUID();
    const path = `/v1/articles/${story}/correction-carry`;
    const paragraph = (text: string) => ({ type: 'paragraph', text });
    const first = testContent({ headline: 'Mayor Smith resigns', body: [paragraph('Mayor Smith resigned on Monday.'), paragraph('He served ten years.')] });
    const corrected = { headline: 'Mayor Smyth resigns', body: [paragraph('Mayor Smyth resigned on Monday.'), paragraph('He served ten years.')] };
    // Written from the text as approved, before the correction: a new headline, the body as it was.
    const revision = testContent({ ...first, headline: 'Mayor Smith resigns; deputy sworn in' });
    interface CarryBody {
      articleId: string;
      liveRevision: number;
      carried: string[];
      notCarried: string[];
      corrections: { note: string; correctedAt: string; editorId: string; changedFields: string[] }[];
    }

    beforeAll(() => deliver(approved({ articleId: story, revision: 1, article: first })));

    it('names each corrected field the revision takes and each it rewrote, lists the corrections, and stores nothing', async () => {
      const before = await editor.post<CarryBody>(path, revision);
      expect([before.status, before.body]).toEqual([200, { articleId: story, liveRevision: 1, carried: [], notCarried: [], corrections: [] }]);
      const corrections = [
        await editor.post<ErrorBody>(`/v1/articles/${story}/corrections`, { note: 'The mayor is named Smyth.', changes: corrected }),
        await editor.post<ErrorBody>(`/v1/articles/${story}/corrections`, { note: 'Clarified who spoke.' }),
      ];
      expect(corrections.map((answer) => [answer.status, answer.body.error?.code])).toEqual([
        [201, undefined],
        [201, undefined],
      ]);
      const version = (await site.get<{ version: string }>(`/v1/articles/${story}`)).body.version;

      const after = await editor.post<CarryBody>(path, revision);

      expect([after.status, after.headers.get('cache-control')]).toEqual([200, 'no-store']);
      // The body takes the correction (the revision left it as approved); the headline keeps the revision's rewrite.
      // A note alone changed no text, so it is not among the corrections to read.
      expect(after.body).toEqual({
        articleId: story,
        liveRevision: 1,
        carried: ['body'],
        notCarried: ['headline'],
        corrections: [{ note: 'The mayor is named Smyth.', correctedAt: expect.any(String), editorId: EDITOR, changedFields: ['body', 'headline'] }],
      });
      // A revision written from the corrected text has nothing to take.
      const fromCorrected = await editor.post<CarryBody>(path, testContent({ ...first, ...corrected, standfirst: 'His deputy takes over.' }));
      expect(fromCorrected.body).toMatchObject({ carried: [], notCarried: [], corrections: [] });
      expect((await site.get<{ version: string }>(`/v1/articles/${story}`)).body.version).toBe(version);
    });

    it('lists a correction carried into the live revision as it went live, which the next revision still has to take', async () => {
      const carriedStory = randomUUID();
      await deliver(approved({ articleId: carriedStory, revision: 1, article: first }));
      const smyth = await editor.post(`/v1/articles/${carriedStory}/corrections`, { note: 'The mayor is named Smyth.', changes: corrected });
      expect(smyth.status).toBe(201);
      // revision 2 was written before the correction and adds a standfirst: it goes live with the correction carried in
      await deliver(approved({ articleId: carriedStory, revision: 2, article: testContent({ ...first, standfirst: 'His deputy takes over.' }) }));
      expect((await site.get<{ headline: string; revision: number }>(`/v1/articles/${carriedStory}`)).body).toMatchObject({ revision: 2, headline: corrected.headline });
      // revision 3 was written from revision 2 as approved and rewrote the headline: the correction of revision 1 is named
      const answer = await editor.post<CarryBody>(`/v1/articles/${carriedStory}/correction-carry`, testContent({ ...first, standfirst: 'His deputy takes over.', headline: 'Mayor resigns; deputy sworn in' }));
      expect(answer.body).toMatchObject({
        liveRevision: 2,
        carried: ['body'],
        notCarried: ['headline'],
        corrections: [{ note: 'The mayor is named Smyth.', changedFields: ['body', 'headline'], correctedAt: expect.any(String), editorId: EDITOR }],
      });
    });

    it('reads the story and its corrections from one snapshot: a correction landing between the two reads is in neither', async () => {
      const raced = randomUUID();
      await deliver(approved({ articleId: raced, revision: 1, article: first }));
      expect((await editor.post(`/v1/articles/${raced}/corrections`, { note: 'The mayor is named Smyth.', changes: corrected })).status).toBe(201);
      const articles = service.provider(ArticleRepository);
      const readCorrections = articles.textCorrections.bind(articles);
      let landed: number | undefined;
      const between = jest.spyOn(articles, 'textCorrections').mockImplementationOnce(async (...args) => {
        // After the story was read, before its corrections are: another editor corrects the standfirst and headline.
        landed = (await editor.post(`/v1/articles/${raced}/corrections`, { note: 'The deputy is named.', changes: { headline: 'Mayor Smyth resigns; Jones deputises', standfirst: 'Jones deputises.' } })).status;
        return readCorrections(...args);
      });
      try {
        const answer = await editor.post<CarryBody>(`/v1/articles/${raced}/correction-carry`, revision);
        expect(landed).toBe(201);
        expect(answer.body).toMatchObject({ carried: ['body'], notCarried: ['headline'], corrections: [{ note: 'The mayor is named Smyth.' }] });
        expect(answer.body.corrections).toHaveLength(1);
      } finally {
        between.mockRestore();
      }
      // Asked again, the answer takes the second correction in, fields and list alike.
      const again = await editor.post<CarryBody>(`/v1/articles/${raced}/correction-carry`, revision);
      expect(again.body.corrections.map((correction) => correction.note)).toEqual(['The mayor is named Smyth.', 'The deputy is named.']);
    });

    it('answers coded errors: no token, not an editor, an unknown or never-live story, a bad id, an invalid or malformed article', async () => {
      const scheduled = randomUUID();
      await deliver(approved({ articleId: scheduled, publishAt: new Date(Date.now() + 365 * 86400_000).toISOString() }));
      const answers = await Promise.all([
        site.post<ErrorBody>(path, revision),
        service.as('reporter', AUTHOR).post<ErrorBody>(path, revision),
        editor.post<ErrorBody>(`/v1/articles/${randomUUID()}/correction-carry`, revision),
        editor.post<ErrorBody>(`/v1/articles/${scheduled}/correction-carry`, revision),
        editor.post<ErrorBody>('/v1/articles/not-a-uuid/correction-carry', revision),
        editor.post<ErrorBody>(path, { ...revision, headline: '', body: [{ type: 'video' }] }),
        editor.post<ErrorBody>(path, undefined, { raw: '{"headline":' }),
        editor.post<ErrorBody>(path, undefined, { raw: '[]' }),
      ]);
      expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [401, 'AUTH.REQUIRED'],
        [403, 'AUTH.FORBIDDEN'],
        [404, 'ARTICLE.NOT_FOUND'],
        [404, 'ARTICLE.NOT_FOUND'],
        [400, 'REQUEST.INVALID_ID'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.MALFORMED_JSON'],
        [400, 'REQUEST.BODY_NOT_OBJECT'],
      ]);
      expect(answers[5].body.error.details?.map((detail) => detail.path).sort()).toEqual(['body.0.type', 'headline']);
    });
  });

  describe('a story’s life after publication', () => {
    it('kill: a 410 that says nothing, nothing left on any surface, API included, and the killed event', async () => {
      const articleId = randomUUID();
      await deliver(
        approved({
          articleId,
          article: testContent({ headline: 'Quarrymaster Okonkwo named in tender', tags: ['quarry-tender'], bylines: [{ name: 'Ilse Brandvold' }], section: 'business' }),
        }),
      );
      const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, articleId))[0].data;
      await editor.post(`/v1/articles/${articleId}/corrections`, { note: 'Quarrymaster’s title corrected.' });
      const probe: SurfaceProbe = { articleId, slug, section: 'business', tag: 'quarry-tender', author: 'ilse-brandvold', words: ['Okonkwo', 'tender'] };
      expect(surfacesMentioning(await publicSurfaces(site, probe), 'Quarrymaster Okonkwo').length).toBeGreaterThan(5);

      const reporter = await service.as('reporter', AUTHOR).post<ErrorBody>(`/v1/articles/${articleId}/kill`, { reason: 'x' });
      expect([reporter.status, reporter.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
      const killed = await editor.post<{ id: string; status: string }>(`/v1/articles/${articleId}/kill`, { reason: 'Court order 2025/118' });
      expect([killed.status, killed.body.status]).toEqual([200, 'killed']);
      const [event] = await emittedWhen(EVENT_TYPES.articleKilled, articleId);
      expect(event.data).toEqual({ articleId, editorId: EDITOR, killedAt: event.time });

      const surfaces = await publicSurfaces(site, probe);
      for (const secret of ['Quarrymaster', 'Okonkwo named', 'Ilse Brandvold', 'ilse-brandvold', 'quarry-tender', 'title corrected', 'Court order', slug]) {
        expect([secret, surfacesMentioning(surfaces.filter((surface) => !surface.path.includes(secret)), secret)]).toEqual([secret, []]);
      }
      const page = surfaces.find((surface) => surface.path === `/articles/${slug}`)!;
      expect(page.status).toBe(410);
      expect(page.text).toContain('This page has been removed');
      const json = await site.get<ErrorBody>(`/articles/${slug}`, { headers: { accept: 'application/json' } });
      expect([json.status, json.body.error.code]).toEqual([410, 'ARTICLE.GONE']);
      const api = await site.get<ErrorBody>(`/v1/articles/${articleId}`);
      expect([api.status, api.body]).toEqual([410, { error: { code: 'ARTICLE.GONE', message: 'This article has been removed' } }]);
      expect((await editor.post<ErrorBody>(`/v1/articles/${articleId}/kill`, { reason: 'again' })).body.error.code).toBe('ARTICLE.KILLED');
      expect((await editor.post<ErrorBody>(`/v1/articles/${articleId}/corrections`, { note: 'late' })).status).toBe(409);
      const carry = await editor.post<ErrorBody>(`/v1/articles/${articleId}/correction-carry`, testContent());
      expect([carry.status, carry.body.error.code]).toEqual([410, 'ARTICLE.GONE']);
    });

    it('editors list, reschedule and cancel stories waiting for their time', async () => {
      const soon = randomUUID();
      const other = randomUUID();
      const inAYear = new Date(Date.now() + 365 * 86400_000);
      await deliver(approved({ articleId: soon, publishAt: inAYear.toISOString(), article: testContent({ headline: 'Observatory reopens next year' }) }));
      await deliver(approved({ articleId: other, embargoUntil: inAYear.toISOString(), article: testContent({ headline: 'Embargoed census results' }) }));

      expect((await service.as('reporter', AUTHOR).get<ErrorBody>('/v1/scheduled')).status).toBe(403);
      const list = await editor.get<{ items: { articleId: string; headline: string; publishAt: string | null; embargoUntil: string | null; dueAt: string }[] }>('/v1/scheduled');
      expect(list.status).toBe(200);
      // The whole item: its times as ISO strings, and the waiting text not in the list.
      expect(list.body.items.find((item) => item.articleId === other)).toEqual({
        articleId: other,
        revision: expect.any(Number),
        headline: 'Embargoed census results',
        section: expect.any(String),
        dueAt: inAYear.toISOString(),
        publishAt: null,
        embargoUntil: inAYear.toISOString(),
        updatesLive: false,
        slug: null,
        corrections: { carried: [], notCarried: [] },
      });
      // A page at a time, with how many wait in all; a bad page is refused.
      const page = await editor.get<{ items: { articleId: string }[]; total: number }>(`/v1/scheduled?limit=1&offset=${list.body.items.length - 1}`);
      expect([page.status, page.body.items.map((item) => item.articleId), page.body.total]).toEqual([200, [list.body.items.at(-1)?.articleId], list.body.items.length]);
      const bad = await Promise.all(['/v1/scheduled?offset=-1', '/v1/scheduled?offset=1.5', '/v1/scheduled?offset=100001'].map((path) => editor.get<ErrorBody>(path)));
      expect(bad.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
      ]);

      const moved = new Date(Date.now() + 30 * 86400_000);
      const rescheduled = await editor.post<{ outcome: string; dueAt: string }>(`/v1/articles/${soon}/reschedule`, { publishAt: moved.toISOString() });
      expect([rescheduled.status, rescheduled.body.outcome, rescheduled.body.dueAt]).toEqual([200, 'scheduled', moved.toISOString()]);
      expect((await emittedWhen(EVENT_TYPES.publicationScheduled, soon, 2))[1].data.publishAt).toBe(moved.toISOString());
      const early = await editor.post<{ outcome: string; dueAt: string }>(`/v1/articles/${other}/reschedule`, { publishAt: new Date(Date.now() - 1000).toISOString() });
      expect([early.body.outcome, early.body.dueAt]).toEqual(['scheduled', inAYear.toISOString()]);

      const cancelled = await editor.post<{ status: string; revision: number }>(`/v1/articles/${soon}/cancel-schedule`);
      expect([cancelled.status, cancelled.body]).toEqual([200, expect.objectContaining({ status: 'cancelled', revision: 1 })]);
      await emittedWhen(EVENT_TYPES.scheduleCancelled, soon);
      expect((await editor.get<{ items: { articleId: string }[] }>('/v1/scheduled')).body.items.map((item) => item.articleId)).not.toContain(soon);
      expect((await site.get(`/v1/articles/${soon}`)).status).toBe(404);

      const errors = await Promise.all([
        editor.post<ErrorBody>(`/v1/articles/${soon}/cancel-schedule`),
        editor.post<ErrorBody>(`/v1/articles/${other}/reschedule`, { publishAt: 'next tuesday' }),
        editor.post<ErrorBody>(`/v1/articles/${randomUUID()}/reschedule`, { publishAt: moved.toISOString() }),
        // a time without its zone, or a bare date, is refused as an approval's is, not read as UTC
        editor.post<ErrorBody>(`/v1/articles/${other}/reschedule`, { publishAt: '2027-01-01T10:00:00' }),
        editor.post<ErrorBody>(`/v1/articles/${other}/reschedule`, { publishAt: '2027-01-01' }),
        // more than a year ahead (2206 for 2026)
        editor.post<ErrorBody>(`/v1/articles/${other}/reschedule`, { publishAt: '2206-01-01T09:00:00Z' }),
        // a cancellation takes no fields
        editor.post<ErrorBody>(`/v1/articles/${other}/cancel-schedule`, { foo: 1 }),
      ]);
      expect(errors.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [409, 'ARTICLE.NOTHING_SCHEDULED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [404, 'ARTICLE.NOT_FOUND'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
      ]);
      expect(errors[5].body.error.message).toMatch(/^publishAt is more than a year ahead/);
      expect(errors[3].body.error.message).toBe('publishAt must be an ISO-8601 date-time with a time zone, e.g. 2025-11-21T08:30:00Z or 2025-11-21T10:30:00+02:00');
    });
  });

  it('lets caches revalidate pages, feeds and the API: ETag and Last-Modified, 304 until something changes', async () => {
    const articleId = randomUUID();
    await deliver(approved({ articleId, article: testContent({ headline: 'Tram depot opens', tags: ['trams'] }) }));
    const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, articleId))[0].data;
    // fetch sends "Cache-Control: no-cache" with conditional requests unless told otherwise; a server must not answer that with 304.
    const revalidate = (validator: Record<string, string>) => ({ headers: { ...validator, 'cache-control': 'max-age=0' } });
    const paths = [`/articles/${slug}`, '/tags/trams', '/feeds/atom.xml', '/sitemaps/pages.xml', `/v1/articles/${articleId}`, '/v1/search?q=tram'];

    const first = await Promise.all(paths.map((path) => site.get(path)));
    for (const [index, answer] of first.entries()) {
      expect([paths[index], answer.status, answer.headers.get('etag')]).toEqual([paths[index], 200, expect.stringMatching(/^W\/"/)]);
      expect(answer.headers.get('cache-control')).toContain('stale-while-revalidate=');
      expect(new Date(answer.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    }
    const unchanged = await Promise.all(paths.map((path, index) => site.get(path, revalidate({ 'if-none-match': first[index].headers.get('etag')! }))));
    expect(unchanged.map((answer) => [answer.status, answer.text])).toEqual(paths.map(() => [304, '']));
    const since = await site.get(`/articles/${slug}`, revalidate({ 'if-modified-since': first[0].headers.get('last-modified')! }));
    expect(since.status).toBe(304);
    expect((await site.get(`/articles/${slug}`, { headers: { 'if-none-match': first[0].headers.get('etag')!, 'cache-control': 'no-cache' } })).status).toBe(200);
    // `If-None-Match: *` matches only what exists, and a date to come is no date the site sent:
    // neither turns a missing address into a 304, nor a live page's date to come into one.
    const missing = ['/articles/no-such-story', `/v1/articles/${randomUUID()}`, '/sections/no-such-section/feeds/rss.xml', '/tags/no-such-tag'];
    const tomorrow = new Date(Date.now() + 86_400_000).toUTCString();
    for (const validator of [{ 'if-none-match': '*' }, { 'if-modified-since': tomorrow }] as Record<string, string>[]) {
      const answers = await Promise.all(missing.map((path) => site.get(path, revalidate(validator))));
      expect(answers.map((answer, index) => [missing[index], answer.status])).toEqual(missing.map((path) => [path, 404]));
    }
    expect((await Promise.all(paths.map((path) => site.get(path, revalidate({ 'if-modified-since': tomorrow }))))).map((answer) => answer.status)).toEqual(paths.map(() => 200));

    await editor.post(`/v1/articles/${articleId}/corrections`, { note: 'The depot opens on Monday.' });
    const changed = await Promise.all(paths.map((path, index) => site.get(path, revalidate({ 'if-none-match': first[index].headers.get('etag')! }))));
    expect(changed.map((answer) => answer.status)).toEqual(paths.map(() => 200));
    expect(changed[0].text).toContain('The depot opens on Monday.');
  });

  it('serves the stylesheet and sample images from /static', async () => {
    const css = await site.get('/static/site.css');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/css/)]);
    const svg = await site.get('/static/samples/aurora-arc.svg');
    expect([svg.status, svg.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^image\/svg\+xml/)]);
  });

  it('answers an unknown slug with a 404 page and an unknown id with ARTICLE.NOT_FOUND', async () => {
    const page = await site.get('/articles/no-such-story');
    expect([page.status, page.headers.get('content-type')]).toEqual([404, expect.stringMatching(/^text\/html/)]);
    expect(page.text).toContain('Page not found');
    const api = await site.get<ErrorBody>(`/v1/articles/${randomUUID()}`);
    expect([api.status, api.body.error.code]).toEqual([404, 'ARTICLE.NOT_FOUND']);
  });

  it('files a story under a tag in a script kept as written (東京): article links, tag page, feeds, sitemap and API', async () => {
    const articleId = randomUUID();
    const tag = '東京-五輪';
    const encoded = encodeURIComponent(tag);
    await deliver(approved({ articleId, article: testContent({ headline: 'Tokyo stadium reopens', language: 'en', tags: [tag, 'stadiums'] }) }));
    const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, articleId))[0].data;

    expect((await site.get(`/articles/${slug}`)).text).toContain(`<a href="/tags/${encoded}">`);
    const page = await site.get(`/tags/${encoded}`);
    expect([page.status, page.text.includes('Tokyo stadium reopens')]).toEqual([200, true]);
    expect(page.text).toContain(`href="/tags/${encoded}/feeds/rss.xml"`);
    const rss = await site.get(`/tags/${encoded}/feeds/rss.xml`);
    expect(elementsNamed(parseXml(rss.text), 'item').map((item) => textOf(elementsNamed(item, 'title')[0]))).toEqual(['Tokyo stadium reopens']);
    expect(await sitemapUrls(site)).toContain(`${PUBLIC_BASE_URL}/tags/${encoded}`);
    const api = await site.get<{ items: { id: string }[] }>(`/v1/articles?tag=${encoded}`);
    expect([api.status, api.body.items.map((item) => item.id)]).toEqual([200, [articleId]]);
    // A spelling that is not the tag's own (not NFKC, upper case, a space) is no tag: 404, and 400 from the API.
    expect((await site.get(`/tags/${encodeURIComponent(tag.normalize('NFD').replace('-', ' '))}`)).status).toBe(404);
    expect((await site.get(`/v1/articles?tag=${encodeURIComponent('Tokyo')}`)).status).toBe(400);
  });

  it('shows tags in the words they were typed as (Gdańsk Street, Київ) on the page, tag page, feeds and API; corrections keep words with their tags', async () => {
    const articleId = randomUUID();
    const tags = ['gdansk-street', 'kiyiv', 'ports'];
    const tagLabels = { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' };
    await deliver(approved({ articleId, article: testContent({ headline: 'Ferry from Gdańsk Street to Kyiv coach stop', tags, tagLabels }) }));
    const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, articleId))[0].data;

    const page = (await site.get(`/articles/${slug}`)).text;
    expect(page).toMatch(/<a href="\/tags\/gdansk-street">(<bdi>)?Gdańsk Street(<\/bdi>)?<\/a>/);
    expect(page).toMatch(/<a href="\/tags\/kiyiv">(<bdi>)?Київ(<\/bdi>)?<\/a>/);
    expect(page).toMatch(/<a href="\/tags\/ports">(<bdi>)?Ports(<\/bdi>)?<\/a>/);
    const tagPage = await site.get('/tags/kiyiv');
    expect([tagPage.status, /<title>Київ \|/.test(tagPage.text)]).toEqual([200, true]);
    const feed = await site.get<{ title: string; items: { tags: string[] }[] }>('/tags/kiyiv/feeds/feed.json');
    expect(feed.body.title).toMatch(/: Київ$/);
    expect(feed.body.items[0].tags).toEqual(['Politics', 'Gdańsk Street', 'Київ', 'Ports']);
    const api = await site.get<{ subject: { name: string; code: string }[]; article: { tagLabels?: Record<string, string> } }>(`/v1/articles/${articleId}`);
    expect(api.body.subject.filter((subject) => subject.code.startsWith('tag:')).map((subject) => subject.name)).toEqual(['Gdańsk Street', 'Київ', 'Ports']);
    expect(api.body.article.tagLabels).toEqual(tagLabels);

    // Retagged without words: the words of the tag that stays stay with it, those of the tag taken out go.
    const retagged = await editor.post<{ article: { tags: string[]; tagLabels?: Record<string, string> } }>(`/v1/articles/${articleId}/corrections`, { note: 'Not about Gdańsk Street.', changes: { tags: ['kiyiv', 'ports'] } });
    expect([retagged.status, retagged.body.article.tags, retagged.body.article.tagLabels]).toEqual([201, ['kiyiv', 'ports'], { kiyiv: 'Київ' }]);
    // Retyped alone: a correction.
    const retyped = await editor.post<{ article: { tagLabels?: Record<string, string> } }>(`/v1/articles/${articleId}/corrections`, { note: 'The tag in capitals.', changes: { tagLabels: { kiyiv: 'КИЇВ' } } });
    expect([retyped.status, retyped.body.article.tagLabels]).toEqual([201, { kiyiv: 'КИЇВ' }]);
    // Words that spell another tag, or name a tag the story does not have, are refused, naming the field.
    const refused = await Promise.all([
      editor.post<ErrorBody>(`/v1/articles/${articleId}/corrections`, { note: 'n', changes: { tagLabels: { kiyiv: 'Lviv' } } }),
      editor.post<ErrorBody>(`/v1/articles/${articleId}/corrections`, { note: 'n', changes: { tagLabels: { gdynia: 'Gdynia' } } }),
      editor.post<ErrorBody>(`/v1/articles/${articleId}/corrections`, undefined, { raw: '{"note":"n","changes":{"tagLabels":{"__proto__":"x"}}}' }),
    ]);
    expect(refused.map((answer) => [answer.status, answer.body.error.code, answer.body.error.details?.map((detail) => detail.path)])).toEqual([
      [400, 'ARTICLE.INVALID_CORRECTION', ['changes.tagLabels']],
      [400, 'ARTICLE.INVALID_CORRECTION', ['changes.tagLabels']],
      [400, 'REQUEST.VALIDATION_FAILED', ['changes.tagLabels.__proto__']],
    ]);
    expect((await site.get(`/articles/${slug}`)).text).toMatch(/<a href="\/tags\/kiyiv">(<bdi>)?КИЇВ(<\/bdi>)?<\/a>/);
  });

  it('gives each author in a script kept as written (山田太郎, 王小明) a page and feeds of their own', async () => {
    const stories = [
      { articleId: randomUUID(), name: '山田太郎', headline: 'Night trains return to Sapporo' },
      { articleId: randomUUID(), name: '王小明', headline: 'Harbour ferry adds a late sailing' },
    ];
    for (const story of stories) {
      await deliver(approved({ articleId: story.articleId, article: testContent({ headline: story.headline, bylines: [{ name: story.name }] }) }));
    }
    for (const [index, story] of stories.entries()) {
      const other = stories[1 - index];
      const { slug } = (await emittedWhen(EVENT_TYPES.articlePublished, story.articleId))[0].data;
      const encoded = encodeURIComponent(story.name);
      expect((await site.get(`/articles/${slug}`)).text).toContain(`<a class="author" href="/authors/${encoded}">`);
      const page = await site.get(`/authors/${encoded}`);
      expect([page.status, page.text.includes(story.headline), page.text.includes(other.headline)]).toEqual([200, true, false]);
      expect(page.text).toContain(`<h1 class="section-title"><bdi>${story.name}</bdi></h1>`);
      const feed = await site.get<{ items: { title: string }[] }>(`/authors/${encoded}/feeds/feed.json`);
      expect(feed.body.items.map((item) => item.title)).toEqual([story.headline]);
      expect(await sitemapUrls(site)).toContain(`${PUBLIC_BASE_URL}/authors/${encoded}`);
    }
    // The fallback every such name used to share is no one's page now.
    expect((await site.get('/authors/article')).status).toBe(404);
    // Another spelling of the name is no author's address.
    expect((await site.get(`/authors/${encodeURIComponent('山田 太郎')}`)).status).toBe(404);

    // Stories published under the earlier rule carry the shared fallback; the migration gives each name back.
    const ids = stories.map((story) => story.articleId);
    const slugsNow = async () => (await service.sql<{ id: string; author_slugs: string[] }>(`SELECT id, author_slugs FROM articles WHERE id = ANY($1)`, [ids])).map((row): [string, string[]] => [row.id, row.author_slugs]);
    await service.sql(`UPDATE articles SET author_slugs = '{article}' WHERE id = ANY($1)`, [ids]);
    const migration = new AuthorSlugsInEveryScript1766000000000();
    const runner = { query: (text: string, params?: unknown[]) => service.sql(text, params) } as unknown as QueryRunner;
    await migration.up(runner);
    expect(new Map(await slugsNow())).toEqual(new Map(stories.map((story) => [story.articleId, [story.name]])));
    await migration.down(runner);
    expect(new Map(await slugsNow())).toEqual(new Map(stories.map((story) => [story.articleId, ['article']])));
    await migration.up(runner);
  });

  it('filters the article list by section and tag, and rejects bad parameters', async () => {
    await deliver(approved({ article: testContent({ headline: 'Glacier retreat measured', section: 'climate' }) }));
    await deliver(approved({ article: testContent({ headline: 'Ferry fares frozen' }) }));

    const bySection = (await site.get<{ items: { section: string }[]; total: number }>('/v1/articles?section=climate')).body;
    expect(bySection.items.every((item) => item.section === 'climate')).toBe(true);
    const byTag = (await site.get<{ items: unknown[]; total: number }>('/v1/articles?tag=ports&limit=1')).body;
    expect([byTag.items.length, byTag.total > 1]).toEqual([1, true]);
    expect((await site.get('/v1/articles?limit=0')).status).toBe(400);
    expect((await site.get('/v1/articles?section=Not%20A%20Slug')).status).toBe(400);
  });

  describe('sharing', () => {
    const shared = randomUUID();
    let slug = '';

    beforeAll(async () => {
      await deliver(approved({ articleId: shared, article: testContent({ headline: 'Ferry timetable doubles in summer', tags: [] }) }));
      slug = (await emittedWhen(EVENT_TYPES.articlePublished, shared))[0].data.slug;
    });

    it('counts shares per network through the JSON API, and answers bad input with coded 4xx errors', async () => {
      const first = await site.post<{ id: string; total: number; byNetwork: Record<string, number> }>(`/v1/articles/${shared}/shares`, { network: 'x' });
      expect(first).toMatchObject({ status: 200, body: { id: shared, total: 1, byNetwork: { x: 1, email: 0 } } });

      const errors = await Promise.all([
        site.post<ErrorBody>(`/v1/articles/${shared}/shares`, { network: 'myspace' }),
        site.post<ErrorBody>(`/v1/articles/${shared}/shares`, { network: 'x', reader: 'someone@example.org' }),
        site.post<ErrorBody>(`/v1/articles/${shared}/shares`, {}),
        site.post<ErrorBody>('/v1/articles/not-a-uuid/shares', { network: 'x' }),
        site.post<ErrorBody>(`/v1/articles/${randomUUID()}/shares`, { network: 'x' }),
        // the nil UUID is a UUID (RFC 9562) that names no article
        site.post<ErrorBody>('/v1/articles/00000000-0000-0000-0000-000000000000/shares', { network: 'x' }),
        site.get<ErrorBody>('/v1/articles/00000000-0000-0000-0000-000000000000'),
      ]);
      expect(errors.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.INVALID_ID'],
        [404, 'ARTICLE.NOT_FOUND'],
        [404, 'ARTICLE.NOT_FOUND'],
        [404, 'ARTICLE.NOT_FOUND'],
      ]);
    });

    it('counts a share button press and sends the reader on to the network, then shows the count on the page', async () => {
      const pressed = await site.post(`/articles/${slug}/share/facebook`);
      expect(pressed.status).toBe(303);
      expect(pressed.headers.get('location')).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${PUBLIC_BASE_URL}/articles/${slug}`)}`);
      expect((await site.post(`/articles/${slug}/share/myspace`)).status).toBe(400);
      expect((await site.post('/articles/no-such-story/share/x')).status).toBe(404);

      const page = await site.get(`/articles/${slug}`);
      expect(page.text).toContain('<span class="share-count">Shared 2 times</span>');
      expect(page.text).toContain(`<form class="share-form" method="post" action="/articles/${slug}/share/whatsapp">`);
      expect(page.headers.get('content-security-policy')).toContain("form-action 'self' mailto: https://x.com https://www.facebook.com https://www.linkedin.com https://wa.me");
    });
  });

  describe('finding stories', () => {
    const english = randomUUID();
    const ukrainian = randomUUID();
    const ARCHIVE_TAG = 'archive-paging';

    beforeAll(async () => {
      await deliver(
        approved({
          articleId: english,
          article: testContent({
            headline: 'Lighthouse keepers return',
            tags: ['lighthouses'],
            bylines: [{ name: 'Marta Søndergaard' }],
            body: [{ type: 'paragraph', text: 'The keepers restored the **beacon** & <its> old lens.' }],
          }),
        }),
      );
      await deliver(
        approved({
          articleId: ukrainian,
          article: testContent({
            headline: 'Маяк знову світить',
            language: 'uk',
            tags: ['lighthouses'],
            body: [{ type: 'paragraph', text: 'Доглядачі відновили стару лінзу маяка.' }],
          }),
        }),
      );
      // One more than a page holds, all with one tag, produced at once and then awaited.
      const archive = Array.from({ length: 31 }, (_, n) => approved({ article: testContent({ headline: `Archive story ${n + 1}`, tags: [ARCHIVE_TAG] }) }));
      for (const event of archive) await bus.produce(TOPICS.review, event);
      await Promise.all(archive.map((event) => service.handled(event.id)));
    });

    it('finds a story by a word of its body, in English and in Ukrainian, on the search page and in the API', async () => {
      const page = await site.get('/search?q=restoring%20beacons');
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
      expect(page.text).toContain('Lighthouse keepers return');
      expect(page.text).toContain('<mark>restored</mark> the <mark>beacon</mark> &amp; &lt;its&gt; old lens');
      expect(page.text).toContain('<meta name="robots" content="noindex">');
      expect(scriptRisks(page.text)).toEqual([]);

      const api = await site.get<{ total: number; items: { id: string; highlight: { snippet: string; snippet_html: string } }[] }>('/v1/search?q=%D0%BB%D1%96%D0%BD%D0%B7%D1%83');
      expect(api.status).toBe(200);
      expect(api.body.items.map((item) => item.id)).toEqual([ukrainian]);
      expect(api.body.items[0].highlight.snippet_html).toContain('Доглядачі відновили стару <mark>лінзу</mark> маяка');
      expect(api.body.items[0].highlight.snippet).toContain('Доглядачі відновили стару лінзу маяка');
      expect((await site.get('/search?q=%D0%BB%D1%96%D0%BD%D0%B7%D1%83')).text).toContain('Маяк знову світить');
    });

    it('finds a story by words typed without their accents (gdansk, sondergaard), and by the words as written', async () => {
      const polish = randomUUID();
      await deliver(approved({ articleId: polish, article: testContent({ headline: 'Gdańsk shipyard cranes return', language: 'pl', body: [{ type: 'paragraph', text: 'Dźwigi wracają do stoczni w Gdańsku.' }] }) }));
      await emittedWhen(EVENT_TYPES.articlePublished, polish);
      const ids = async (q: string) => (await site.get<{ items: { id: string }[] }>(`/v1/search?q=${encodeURIComponent(q)}`)).body.items.map((item) => item.id);
      expect(await ids('gdansk shipyard')).toEqual([polish]);
      expect(await ids('Gdańsk shipyard')).toEqual([polish]);
      expect(await ids('dzwigi')).toEqual([polish]);
      expect(await ids('sondergaard')).toEqual([english]);
      // Folding finds; it does not invent: a word the story does not have still finds nothing.
      expect(await ids('gdynia')).toEqual([]);
      const page = await site.get(`/search?q=${encodeURIComponent('gdansk')}`);
      expect(page.text).toContain('<mark>Gdańsk</mark> shipyard cranes return');
      // The words found only without their accents are marked as the reader's own are, and the passage is cut around them.
      const highlight = async (q: string) => (await site.get<{ items: { highlight: { headline_html: string; snippet_html: string } }[] }>(`/v1/search?q=${encodeURIComponent(q)}`)).body.items[0]?.highlight;
      expect(await highlight('gdansk shipyard')).toMatchObject({ headline_html: '<mark>Gdańsk</mark> <mark>shipyard</mark> cranes return' });
      expect((await highlight('dzwigi'))?.snippet_html).toContain('<mark>Dźwigi</mark> wracają do stoczni');
      expect((await highlight('gdansku stoczni'))?.snippet_html).toContain('<mark>stoczni</mark> w <mark>Gdańsku</mark>');
      // Typed with the accents, as before; a word the reader excludes is not marked, nor does it find.
      expect(await highlight('Gdańsk')).toMatchObject({ headline_html: '<mark>Gdańsk</mark> shipyard cranes return' });
      expect(await highlight('shipyard -gdansk')).toBeUndefined();
    });

    it('finds a story by who wrote it, without the names in the snippet of its text', async () => {
      const found = (await site.get<{ items: { id: string; highlight: { snippet: string } }[] }>(`/v1/search?q=${encodeURIComponent('Søndergaard')}`)).body;
      expect(found.items.map((item) => item.id)).toEqual([english]);
      // No word of the text matched: the snippet is the story's opening, not the names.
      expect(found.items[0].highlight.snippet.length).toBeGreaterThan(20);
      expect(found.items[0].highlight.snippet).not.toContain('Søndergaard');
    });

    it('finds a word of a story in a script written without spaces (Japanese, Chinese), in its headline and its text', async () => {
      const japanese = randomUUID();
      const chinese = randomUUID();
      await deliver(
        approved({
          articleId: japanese,
          article: testContent({ headline: '東京で新しい夜行バス路線が開業', language: 'ja', body: [{ type: 'paragraph', text: '新しい路線は深夜に品川駅と羽田空港を結ぶ。' }] }),
        }),
      );
      await deliver(approved({ articleId: chinese, article: testContent({ headline: '北京地铁开通新线路', language: 'zh', body: [{ type: 'paragraph', text: '新线路连接首都机场和市中心。' }] }) }));
      await emittedWhen(EVENT_TYPES.articlePublished, chinese);
      type Found = { total: number; items: { id: string; highlight: { headline: string; snippet: string; snippet_html: string } }[] };
      const search = async (q: string) => (await site.get<Found>(`/v1/search?q=${encodeURIComponent(q)}`)).body;

      const byHeadline = await search('東京');
      expect(byHeadline.items.map((item) => item.id)).toEqual([japanese]);
      expect(byHeadline.items[0].highlight.headline).toBe('東京で新しい夜行バス路線が開業');
      expect((await search('夜行バス')).items.map((item) => item.id)).toEqual([japanese]);
      const byText = await search('羽田空港');
      expect(byText.items.map((item) => item.id)).toEqual([japanese]);
      // The words are separated for the index only: the reader sees the text as written.
      expect(byText.items[0].highlight.snippet).toContain('新しい路線は深夜に品川駅と羽田空港を結ぶ。');
      expect(byText.items[0].highlight.snippet_html).toMatch(/<mark>羽田<\/mark>.*<mark>空港<\/mark>|<mark>羽田空港<\/mark>/);
      expect(byText.items[0].highlight.snippet).not.toMatch(/[\uE000-\uF8FF]/);
      expect((await search('首都机场')).items.map((item) => item.id)).toEqual([chinese]);
      expect((await search('北京')).items.map((item) => item.id)).toEqual([chinese]);
      const page = await site.get(`/search?q=${encodeURIComponent('東京')}`);
      expect(page.text).toContain('<mark>東京</mark>');

      // Stories indexed before the words were separated: the migration's down and up take them there and back.
      const migration = new SearchAsReadersType1766000100000();
      const runner = { query: (text: string, params?: unknown[]) => service.sql(text, params) } as unknown as QueryRunner;
      const indexedUnder = async (word: string) =>
        (await service.sql<{ id: string }>(`SELECT id FROM articles WHERE search_document @@ websearch_to_tsquery('simple', $1)`, [word])).map((row) => row.id);
      await migration.down(runner);
      try {
        expect(await indexedUnder('品川')).toEqual([]);
      } finally {
        await migration.up(runner);
      }
      expect(await indexedUnder('品川')).toEqual([japanese]);
      expect((await search('羽田空港')).items.map((item) => item.id)).toEqual([japanese]);
    });

    it('answers a bad search with a coded 400', async () => {
      const answers = await Promise.all([site.get<ErrorBody>('/v1/search'), site.get<ErrorBody>(`/v1/search?q=${'x'.repeat(201)}`), site.get<ErrorBody>('/v1/search?q=a&sort=new')]);
      expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
        [400, 'REQUEST.VALIDATION_FAILED'],
      ]);
      expect((await site.get('/search?q=a&q=b')).status).toBe(400);
      // A pasted link past the box's maxlength: the page says so in its own words, naming no internal field.
      const long = await site.get(`/search?q=${'x'.repeat(300)}`, { headers: { accept: 'text/html' } });
      expect([long.status, long.headers.get('content-type')]).toEqual([400, expect.stringMatching(/^text\/html/)]);
      expect(long.text).toContain('Search for at most 200 characters; this search has 300');
      expect(long.text).not.toContain('text must be');
    });

    it('has a page and feeds for a tag and for an author; 404 for one without stories', async () => {
      const tag = await site.get('/tags/lighthouses');
      expect(tag.status).toBe(200);
      expect(tag.text).toContain('<h1 class="section-title"><bdi>Lighthouses</bdi></h1>');
      expect(tag.text).toContain('Lighthouse keepers return');
      expect(tag.text).toContain('Маяк знову світить');
      const author = await site.get('/authors/marta-sondergaard');
      expect(author.status).toBe(200);
      expect(author.text).toContain('<h1 class="section-title"><bdi>Marta Søndergaard</bdi></h1>');
      expect(author.text).not.toContain('Маяк знову світить');

      const rss = await site.get('/authors/marta-sondergaard/feeds/rss.xml');
      expect(elementsNamed(parseXml(rss.text), 'item').map((item) => textOf(elementsNamed(item, 'title')[0]))).toEqual(['Lighthouse keepers return']);
      const atom = await site.get('/tags/lighthouses/feeds/atom.xml');
      expect(elementsNamed(parseXml(atom.text), 'entry')).toHaveLength(2);
      expect((await site.get('/tags/no-such-tag')).status).toBe(404);
      expect((await site.get('/authors/nobody/feeds/feed.json')).status).toBe(404);
      expect((await site.get('/tags/lighthouses/feeds/other.xml')).status).toBe(404);
    });

    it('pages every list with ?page=N and rel=prev/next; past the last page is a 404, a bad page a 400', async () => {
      const first = await site.get(`/tags/${ARCHIVE_TAG}`);
      const second = await site.get(`/tags/${ARCHIVE_TAG}?page=2`);
      const storiesOn = (text: string) => [...text.matchAll(/>Archive story (\d+)</g)].map((match) => Number(match[1]));

      // The approvals travel on several partitions, so which story went live first is not known: the pages together hold each once.
      expect([storiesOn(first.text).length, storiesOn(second.text).length]).toEqual([30, 1]);
      expect([...storiesOn(first.text), ...storiesOn(second.text)].sort((a, b) => a - b)).toEqual(Array.from({ length: 31 }, (_, n) => n + 1));
      expect(first.text).toContain(`<link rel="next" href="/tags/${ARCHIVE_TAG}?page=2">`);
      expect(first.text).not.toContain('rel="prev"');
      expect(second.text).toContain(`<link rel="prev" href="/tags/${ARCHIVE_TAG}">`);
      expect(second.text).not.toContain('rel="next"');
      expect((await site.get(`/tags/${ARCHIVE_TAG}?page=3`)).status).toBe(404);

      const front = [await site.get('/'), await site.get('/?page=2')];
      expect(front.map((page) => page.status)).toEqual([200, 200]);
      expect(front[1].text).toContain('<link rel="prev" href="/">');
      expect(storiesOn(front[1].text).some((n) => storiesOn(front[0].text).includes(n))).toBe(false);

      for (const bad of ['0', 'abc', '02', '1.5', '99999999']) {
        const answer = await site.get(`/tags/${ARCHIVE_TAG}?page=${bad}`);
        expect([bad, answer.status, answer.headers.get('content-type')]).toEqual([bad, 400, expect.stringMatching(/^text\/html/)]);
        expect(answer.text).toContain('REQUEST.INVALID_PAGE');
      }
    });

    it('answers errors with an HTML page for browsers and JSON for API clients, on every route', async () => {
      const browser = { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } };
      const json = { headers: { accept: 'application/json' } };
      const answers = {
        apiForBrowser: await site.get(`/v1/articles/${randomUUID()}`, browser),
        apiForClient: await site.get<ErrorBody>(`/v1/articles/${randomUUID()}`),
        badIdForBrowser: await site.get('/v1/articles/not-a-uuid', browser),
        unknownRoute: await site.get('/no/such/page'),
        unknownRouteAsJson: await site.get<ErrorBody>('/no/such/page', json),
        unknownApiRoute: await site.get<ErrorBody>('/v1/nothing-here'),
        missingStatic: await site.get('/static/missing.css', browser),
      };
      const html = (answer: { status: number; headers: Headers }) => [answer.status, answer.headers.get('content-type')?.split(';')[0]];

      expect(html(answers.apiForBrowser)).toEqual([404, 'text/html']);
      expect(answers.apiForBrowser.text).toContain('Page not found');
      expect([answers.apiForClient.status, answers.apiForClient.body.error.code]).toEqual([404, 'ARTICLE.NOT_FOUND']);
      expect(html(answers.badIdForBrowser)).toEqual([400, 'text/html']);
      expect(answers.badIdForBrowser.text).toContain('REQUEST.INVALID_ID');
      expect(html(answers.unknownRoute)).toEqual([404, 'text/html']);
      expect(answers.unknownRoute.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=30');
      expect([answers.unknownRouteAsJson.status, answers.unknownRouteAsJson.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
      expect([answers.unknownApiRoute.status, answers.unknownApiRoute.body.error.code]).toEqual([404, 'ROUTE.NOT_FOUND']);
      expect(html(answers.missingStatic)).toEqual([404, 'text/html']);
      // The same address answers either form by Accept, so a cache in front keeps them apart; a
      // missing one is cached briefly in both forms, and no other error at all.
      for (const answer of Object.values(answers)) {
        expect(answer.headers.get('vary')).toMatch(/\bAccept\b/);
        // Not the route's validators (its page's); Express's own ETag of the error body may stay.
        expect(answer.headers.get('last-modified')).toBeNull();
      }
      // A conditional request never turns an error into a 304.
      const again = await site.get(`/v1/articles/${randomUUID()}`, { headers: { 'if-none-match': answers.apiForClient.headers.get('etag') ?? '*', 'cache-control': 'max-age=0' } });
      expect(again.status).toBe(404);
      for (const answer of [answers.apiForBrowser, answers.apiForClient, answers.unknownRoute, answers.unknownApiRoute]) {
        expect([answer.status, answer.headers.get('cache-control')]).toEqual([404, 'public, max-age=10, stale-while-revalidate=30']);
      }
      expect(answers.badIdForBrowser.headers.get('cache-control')).toBe('no-store');
      expect((await site.get('/v1/articles/not-a-uuid')).headers.get('cache-control')).toBe('no-store');
      for (const page of [answers.apiForBrowser, answers.badIdForBrowser, answers.unknownRoute]) expect(scriptRisks(page.text)).toEqual([]);
    });

    it('serves robots.txt pointing to the sitemap index', async () => {
      const robots = await site.get('/robots.txt');
      expect([robots.status, robots.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/plain/)]);
      expect(robots.text).toContain(`Sitemap: ${PUBLIC_BASE_URL}/sitemap.xml`);
      expect(robots.text).toContain('Disallow: /search');
    });
  });
});

