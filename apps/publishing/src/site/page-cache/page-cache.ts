import { gzipSync } from 'node:zlib';

/**
 * Bodies shorter than this are kept and sent as they are: gzip's own bytes and the `Vary` it
 * brings cost about what it would save. The same threshold as the service's compression of
 * other answers (`compression`'s default).
 */
export const GZIP_MIN_BYTES = 1024;

/** A rendered public page as it was sent: status, body and the headers that describe it. */
export interface CachedPage {
  status: number;
  /**
   * The body as UTF-8, the bytes every hit sends. Only these are kept, not the rendered string
   * as well: a Cyrillic page's UTF-16 string and its UTF-8 copy together would hold about three
   * times its bytes, beyond what `maxBytes` counts.
   */
  body: Buffer;
  /**
   * The same bytes gzipped (RFC 9110 §8.4.1.3), made once when the page is kept, for a reader
   * whose Accept-Encoding takes gzip; absent for a body under GZIP_MIN_BYTES or one gzip does
   * not shrink. Compressing on every hit would cost each request more than the whole answer.
   */
  gzipped?: Buffer;
  /** Content-Type, Cache-Control, ETag, Last-Modified… as the controller set them (never per-client headers). */
  headers: Record<string, string>;
  /** Milliseconds since the epoch after which the copy is not served. */
  expiresAt: number;
}

/** A page as a controller rendered it, to keep. */
export interface RenderedPage {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface PageCacheOptions {
  /** Upper bound of the bodies kept, in bytes (UTF-8 and gzipped copies together); least recently used go first. */
  maxBytes: number;
  /** The longest a copy is served without a change being seen, in ms (a missed notification, a share count). */
  ttlMs: number;
  /** Copies also end at each multiple of this (the pages' relative times and validators move then), in ms. */
  stepMs: number;
}

/**
 * Rendered pages in memory, least recently used dropped first beyond `maxBytes`. Any change
 * to what pages show calls `invalidate()`, which empties it and moves the generation on: a
 * render that began before the change (it may have read the old rows) must not be stored
 * after it, so `store` takes the generation its render began in and refuses a stale one.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;
  private currentGeneration = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: PageCacheOptions) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.pages.size;
  }

  /** Whether a copy is kept for `key` (it may have expired: `get` decides); counts neither a hit nor a miss. */
  has(key: string): boolean {
    return this.pages.has(key);
  }

  get(key: string, now = Date.now()): CachedPage | undefined {
    const page = this.pages.get(key);
    if (!page || page.expiresAt <= now) {
      if (page) this.remove(key, page);
      this.misses += 1;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.pages.delete(key);
    this.pages.set(key, page);
    this.hits += 1;
    return page;
  }

  /** Keeps a page rendered in `generation`; false (and nothing kept) when a change came since, or it is too large. */
  store(key: string, generation: number, page: RenderedPage, now = Date.now()): boolean {
    if (generation !== this.currentGeneration) return false;
    // A UTF-8 length is at most three bytes per UTF-16 unit: a page too large by that bound is not encoded at all.
    if (page.body.length > this.options.maxBytes / 8) return false;
    const body = Buffer.from(page.body, 'utf8');
    if (body.length > this.options.maxBytes / 8) return false;
    const nextStep = (Math.floor(now / this.options.stepMs) + 1) * this.options.stepMs;
    const previous = this.pages.get(key);
    if (previous) this.remove(key, previous);
    const kept: CachedPage = { status: page.status, body, headers: page.headers, expiresAt: Math.min(now + this.options.ttlMs, nextStep) };
    const gzipped = body.length >= GZIP_MIN_BYTES ? gzipSync(body) : undefined;
    if (gzipped && gzipped.length < body.length) kept.gzipped = gzipped;
    this.pages.set(key, kept);
    this.bytes += bytesOf(kept);
    for (const [oldest, entry] of this.pages) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest, entry);
    }
    return true;
  }

  /**
   * Something pages show changed: forget every copy (or those whose key starts with
   * `prefix`), and refuse renders begun before now.
   */
  invalidate(prefix?: string): void {
    this.currentGeneration += 1;
    if (prefix === undefined) {
      this.pages.clear();
      this.bytes = 0;
      return;
    }
    for (const [key, page] of this.pages) if (key.startsWith(prefix)) this.remove(key, page);
  }

  private remove(key: string, page: CachedPage): void {
    this.pages.delete(key);
    this.bytes -= bytesOf(page);
  }
}

function bytesOf(page: CachedPage): number {
  return page.body.length + (page.gzipped?.length ?? 0);
}
