import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SiteRevision } from '../../articles/use-cases/read-articles/read-articles.query';
import { clientCopyIsCurrent } from '../conditional-requests';

/**
 * Cache lifetimes for a CDN in front of the site. `stale-while-revalidate` lets a cache answer
 * at once with its copy while it asks the origin again (which usually answers 304, see
 * `answerIfUnchanged`); `stale-if-error` keeps the site readable while the origin is down.
 */
/** Pages change when articles do; a minute of caching spares the database without hiding news for long. */
export const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=300, stale-if-error=86400';
/** A missing page may be an article about to go live: cache that answer only briefly. */
export const MISSING_CACHE = 'public, max-age=10, stale-while-revalidate=30';
/** Feeds and sitemaps are polled; two minutes is fresh enough for them. */
export const FEED_CACHE = 'public, max-age=120, stale-while-revalidate=600, stale-if-error=86400';
/** Public JSON reads; editors' changes show within this time. */
export const API_CACHE = 'public, max-age=30, stale-while-revalidate=120';
/** Search results depend on the words asked; a short while is enough. */
export const SEARCH_CACHE = 'public, max-age=30, stale-while-revalidate=60';

/**
 * Pages say "3 hours ago": their text changes with time even when no article does. Their
 * validators therefore also move every this long, so a revalidated copy is at most this far
 * behind in its relative times. Feeds, sitemaps and the API have no relative times.
 */
export const RELATIVE_TIME_STEP_MS = 5 * 60_000;

export interface ConditionalOptions {
  /** Everything else the representation depends on: its kind, the site's settings. */
  variant: string;
  revision: SiteRevision;
  cacheControl: string;
  now: Date;
  /** For pages with relative times: RELATIVE_TIME_STEP_MS. */
  timeStepMs?: number;
}

/**
 * Sets Cache-Control, a weak ETag and Last-Modified for a public read, from what it depends
 * on: the address asked for, the site's revision (the last visible change to any article,
 * and how many are live: a page shows navigation and other stories besides its own) and,
 * for pages, the time step. These are known after one cheap query, before the page is read
 * or rendered; when the client's copy matches (If-None-Match, else If-Modified-Since) it
 * answers 304 at once and returns true. A request with `Cache-Control: no-cache`, with
 * `If-None-Match: *` (the target may not exist) or with an If-Modified-Since in the future
 * gets the full answer (see clientCopyIsCurrent).
 */
export function answerIfUnchanged(req: Request, res: Response, options: ConditionalOptions): boolean {
  const step = options.timeStepMs ? Math.floor(options.now.getTime() / options.timeStepMs) * options.timeStepMs : 0;
  const changedAt = Math.max(options.revision.changedAt?.getTime() ?? 0, step);
  const fingerprint = [req.originalUrl, options.variant, options.revision.changedAt?.toISOString() ?? '-', options.revision.live, step].join('|');
  res.setHeader('Cache-Control', options.cacheControl);
  res.setHeader('ETag', `W/"${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 27)}"`);
  // HTTP dates have whole seconds: round up, so a change within the same second still counts.
  res.setHeader('Last-Modified', new Date(Math.ceil(changedAt / 1000) * 1000).toUTCString());
  // Decided before the target is looked up: whether it exists is not known yet.
  const current = clientCopyIsCurrent(req.headers, { etag: res.getHeader('ETag') as string, 'last-modified': res.getHeader('Last-Modified') as string }, { exists: false, now: options.now });
  if (!current) return false;
  res.status(304).end();
  return true;
}
