import { gunzipSync } from 'node:zlib';
import { GZIP_MIN_BYTES, PageCache } from './page-cache';

const page = (body: string) => ({ status: 200, body, headers: { 'content-type': 'text/html; charset=utf-8', etag: 'W/"x"' } });
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

describe(PageCache.name, () => {
  const cache = (overrides: Partial<ConstructorParameters<typeof PageCache>[0]> = {}) =>
    new PageCache({ maxBytes: 1_000_000, ttlMs: 60_000, stepMs: 300_000, ...overrides });

  it('serves what it stored until its time is up', () => {
    const pages = cache();
    expect(pages.store('/a', pages.generation, page('one'), T0)).toBe(true);
    expect(pages.get('/a', T0 + 59_999)?.body.toString()).toBe('one');
    expect(pages.get('/a', T0 + 60_000)).toBeUndefined();
    expect([pages.hits, pages.misses]).toEqual([1, 1]);
  });

  it('ends a copy at the next time step even when its time to live runs on', () => {
    const pages = cache();
    const beforeStep = T0 + 300_000 - 1_000;
    pages.store('/a', pages.generation, page('one'), beforeStep);
    expect(pages.get('/a', beforeStep + 999)?.body.toString()).toBe('one');
    expect(pages.get('/a', beforeStep + 1_000)).toBeUndefined();
  });

  it('forgets everything on a change, and refuses a render that began before it', () => {
    const pages = cache();
    pages.store('/a', pages.generation, page('one'), T0);
    const begun = pages.generation;
    pages.invalidate();
    expect(pages.get('/a', T0)).toBeUndefined();
    expect(pages.store('/b', begun, page('stale'), T0)).toBe(false);
    expect(pages.get('/b', T0)).toBeUndefined();
    expect(pages.store('/b', pages.generation, page('fresh'), T0)).toBe(true);
  });

  it('drops the least recently used beyond its size, and never keeps one page that would fill much of it', () => {
    // Room for eight pages of 20 ASCII characters (20 bytes of UTF-8 each); one page may take an eighth.
    const pages = cache({ maxBytes: 8 * 20 });
    for (let n = 0; n < 8; n += 1) pages.store(`/${n}`, 0, page(String(n).repeat(20)), T0);
    pages.get('/0', T0);
    pages.store('/8', 0, page('8'.repeat(20)), T0);
    expect(['/0', '/1', '/2', '/8'].map((key) => pages.get(key, T0) !== undefined)).toEqual([true, false, true, true]);
    expect(pages.size).toBe(8);
    expect(pages.store('/big', 0, page('x'.repeat(21)), T0)).toBe(false);
  });

  it('counts a page by the UTF-8 bytes it keeps and sends, so Cyrillic pages take twice their characters', () => {
    const pages = cache({ maxBytes: 8 * 20 });
    // Ten Cyrillic letters are 20 bytes of UTF-8: an eighth of the cache, as twenty ASCII letters are.
    expect(pages.store('/uk', 0, page('Київ'.repeat(2) + 'ще'), T0)).toBe(true);
    expect(pages.get('/uk', T0)?.body).toEqual(Buffer.from('КиївКиївще', 'utf8'));
    expect(pages.store('/uk-long', 0, page('Київ'.repeat(2) + 'щей'), T0)).toBe(false);
    // Eight such pages fill it; a ninth pushes out the least recently used.
    for (let n = 1; n < 8; n += 1) pages.store(`/uk${n}`, 0, page('Київ'.repeat(2) + 'ще'), T0);
    expect(pages.size).toBe(8);
    pages.store('/uk8', 0, page('Київ'.repeat(2) + 'ще'), T0);
    expect([pages.size, pages.get('/uk', T0)]).toEqual([8, undefined]);
  });

  it('keeps a gzipped copy of a page of 1 KiB or more, made once, and counts its bytes too', () => {
    const pages = cache({ maxBytes: 1_000_000 });
    const long = '<p>Ferry timetable doubles.</p>'.repeat(100);
    pages.store('/long', 0, page(long), T0);
    pages.store('/short', 0, page('x'.repeat(GZIP_MIN_BYTES - 1)), T0);
    const kept = pages.get('/long', T0)!;
    expect(gunzipSync(kept.gzipped!).toString('utf8')).toBe(long);
    expect(kept.gzipped!.length).toBeLessThan(kept.body.length / 10);
    expect(pages.get('/short', T0)?.gzipped).toBeUndefined();
    // Eight pages' plain bytes fill a cache that size: their gzipped copies count, so one goes.
    const tight = cache({ maxBytes: 8 * long.length });
    for (let n = 0; n < 8; n += 1) tight.store(`/${n}`, 0, page(long), T0);
    expect(tight.size).toBe(7);
    const roomy = cache({ maxBytes: 8 * (long.length + kept.gzipped!.length) });
    for (let n = 0; n < 8; n += 1) roomy.store(`/${n}`, 0, page(long), T0);
    expect(roomy.size).toBe(8);
  });
});
