import { ServiceUnderTest } from '@newsroom/test-harness';
import { startLocalBroker, type LocalBroker } from '@newsroom/testing';
import { PUBLIC_BASE_URL } from '../../test/publishing.fixtures';
import { startPublishing } from '../service';

/**
 * The readers' limit on the running site: a low limit, behind one trusted
 * proxy, so that each test is its own client (X-Forwarded-For).
 */
describe('publishing rate limits (PostgreSQL, broker)', () => {
  jest.setTimeout(60_000);

  let broker: LocalBroker;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    broker = await startLocalBroker();
    service = await ServiceUnderTest.start({
      name: 'publishing_limits',
      schema: 'publishing',
      brokers: broker.brokers,
      env: { PUBLIC_BASE_URL, TRUST_PROXY: '1', RATE_LIMITS: 'pages:client=5/1m,shares:client=2/1m' },
      boot: startPublishing,
    });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await broker?.stop();
  }, 60_000);

  const as = (client: string, accept = 'application/json') => ({ headers: { 'x-forwarded-for': client, accept } });

  it('answers a client over the limit 429 with Retry-After: a coded JSON error for the API, an HTML page for browsers', async () => {
    const allowed = [];
    for (let i = 0; i < 5; i += 1) allowed.push((await service.anonymous.get('/robots.txt', as('203.0.113.5'))).status);
    expect(allowed).toEqual([200, 200, 200, 200, 200]);

    const api = await service.anonymous.get<{ error: { code: string } }>('/v1/articles', as('203.0.113.5'));
    expect(api.status).toBe(429);
    expect(api.body.error.code).toBe('REQUEST.RATE_LIMITED');
    const retryAfter = Number(api.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const page = await service.anonymous.get('/', as('203.0.113.5', 'text/html'));
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(page.text).toContain('REQUEST.RATE_LIMITED');
  });

  it('counts each client on its own, and never limits the health probes', async () => {
    for (let i = 0; i < 6; i += 1) await service.anonymous.get('/robots.txt', as('203.0.113.6'));
    expect((await service.anonymous.get('/robots.txt', as('203.0.113.6'))).status).toBe(429);
    expect((await service.anonymous.get('/robots.txt', as('203.0.113.7'))).status).toBe(200);
    for (let i = 0; i < 8; i += 1) expect((await service.anonymous.get('/health/live', as('203.0.113.6'))).status).toBe(200);
  });

  it('limits a burst of cached pages too: counted in memory, answered 429 with the site\'s error page', async () => {
    const pages = [];
    // The first front page is rendered and kept; the next four are answered from the page cache.
    for (let i = 0; i < 5; i += 1) pages.push((await service.anonymous.get('/', as('203.0.113.9', 'text/html'))).status);
    expect(pages).toEqual([200, 200, 200, 200, 200]);
    const over = await service.anonymous.get('/', as('203.0.113.9', 'text/html'));
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.text).toContain('REQUEST.RATE_LIMITED');
    // Pages are counted per process, in memory: nothing of them is in the shared table.
    const [row] = await service.sql<{ n: number }>(`SELECT count(*)::int AS n FROM rate_limits WHERE key LIKE 'pages:client%'`);
    expect(row.n).toBe(0);
    expect((await service.anonymous.get('/', as('203.0.113.10', 'text/html'))).status).toBe(200);
  });

  it('limits the share counters anyone can post to, per client', async () => {
    const unknownArticle = '/v1/articles/5f0c5a8e-0000-4000-8000-000000000000/shares';
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push((await service.anonymous.post(unknownArticle, { network: 'email' }, as('203.0.113.8'))).status);
    expect(answers).toEqual([404, 404, 429]);
    expect((await service.anonymous.post('/articles/some-story/share/email', undefined, as('203.0.113.8', 'text/html'))).status).toBe(429);
  });
});
