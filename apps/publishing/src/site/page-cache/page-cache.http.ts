import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { clientCopyIsCurrent } from '../conditional-requests';
import type { CachedPage } from './page-cache';

/** The public pages kept: front, section, tag, author, article and corrections pages (not search: its keys are endless). */
const CACHED_PATH = /^\/(?:|sections\/[^/]+|tags\/[^/]+|authors\/[^/]+|articles\/[^/]+|corrections)$/;
/** Where a response's headers set before the router (the security headers) are noted for PageCacheInterceptor. */
const SERVICE_HEADERS = 'pageCacheServiceHeaders';

/**
 * The page's key from a request target (`/articles/x?page=2`): its path, with `?page=N` when
 * asked; null for a page not kept or a request with any other parameter (or `page` twice).
 */
export function cacheKeyOf(target: string): string | null {
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  if (!CACHED_PATH.test(path)) return null;
  if (mark < 0 || mark === target.length - 1) return path;
  const params = new URLSearchParams(target.slice(mark + 1));
  const names = [...params.keys()];
  if (names.length !== 1 || names[0] !== 'page') return null;
  return `${path}?page=${params.get('page')}`;
}

/**
 * Notes which headers the response already has when the router is reached: those every answer
 * of the service gets (libs/platform's security headers, CSP included). PageCacheInterceptor
 * keeps them with the page, so that a copy answered ahead of the whole stack has the same headers.
 */
export function noteServiceHeaders(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals[SERVICE_HEADERS] = res.getHeaderNames();
    next();
  };
}

/** The headers noted by noteServiceHeaders for this response (none when it did not run). */
export function serviceHeadersOf(res: Response): string[] {
  const names: unknown = res.locals[SERVICE_HEADERS];
  return Array.isArray(names) ? (names as string[]) : [];
}

/**
 * Whether the kept `hit` answers `req`: a page (200) answers everyone, as its route does; a
 * removed article's notice (410) only a client that prefers HTML, for the route answers others
 * the coded JSON error (as SiteErrorFilter's wantsHtml decides on the site's paths).
 */
export function answers(req: IncomingMessage, hit: CachedPage): boolean {
  return hit.status === 200 || accepts(req).type(['html', 'json']) === 'html';
}

/**
 * A cached page as it was first sent: its status, headers and bytes (none for HEAD), or 304 Not
 * Modified when the request's validators match (If-None-Match, else If-Modified-Since; RFC 9110
 * §13.1, decided by clientCopyIsCurrent, as for rendered pages).
 */
export function sendCachedPage(req: IncomingMessage, res: ServerResponse, hit: CachedPage): void {
  // A page kept gzipped varies by Accept-Encoding, whichever copy this reader gets (RFC 9110 §12.5.5).
  const headers = hit.gzipped ? { ...hit.headers, vary: varyWithAcceptEncoding(hit.headers.vary) } : hit.headers;
  // A kept page exists: `If-None-Match: *` matches it.
  if (hit.status === 200 && clientCopyIsCurrent(req.headers, { etag: hit.headers.etag, 'last-modified': hit.headers['last-modified'] }, { exists: true })) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  // The gzipped copy when the reader takes gzip (as `compression` decides for rendered answers);
  // else, even when Accept-Encoding refuses every coding, the bytes as they are.
  // (No Accept-Encoding is identity: nothing to negotiate.)
  const gzipped = hit.gzipped && req.headers['accept-encoding'] && accepts(req).encoding(['gzip', 'identity']) === 'gzip' ? hit.gzipped : undefined;
  const body = gzipped ?? hit.body;
  res.writeHead(hit.status, { ...headers, ...(gzipped ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function varyWithAcceptEncoding(vary: string | undefined): string {
  if (!vary) return 'Accept-Encoding';
  return vary.split(',').some((name) => ['accept-encoding', '*'].includes(name.trim().toLowerCase())) ? vary : `${vary}, Accept-Encoding`;
}
