import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import fresh from 'fresh';

/** The validators a response carries, as `fresh` reads them. */
export type Validators = fresh.Headers & {
  etag?: string;
  'last-modified'?: string;
};

/**
 * Whether a GET's conditional headers say the client's copy is current, so the answer is 304
 * (RFC 9110 §13.1.2 If-None-Match, then §13.1.3 If-Modified-Since, decided by `fresh`;
 * `Cache-Control: no-cache` never is). Two cases `fresh` gets wrong are taken out first:
 *
 * - `If-None-Match: *` matches only a target that has a current representation. Where the answer
 *   is decided before the target is looked up (`exists: false`), it is no match, so a missing page
 *   is still answered 404; a live one is answered 304 once it is found (Express's own check when
 *   it sends a 200, and the page cache, `exists: true`).
 * - An If-Modified-Since later than `now` is no date this server sent (RFC 7232 §3.3 called it
 *   invalid); it would otherwise match every page, missing ones included. It is ignored, as an
 *   unparsable one is.
 */
export function clientCopyIsCurrent(headers: IncomingHttpHeaders, validators: Validators, { exists, now }: { exists: boolean; now?: Date }): boolean {
  const noneMatch = headers['if-none-match'];
  const modifiedSince = headers['if-modified-since'];
  if (!noneMatch && !modifiedSince) return false;
  if (noneMatch === '*' && !exists) return false;
  // If-None-Match decides when it is there; else the date, when it is one and not yet to come.
  if (!noneMatch && !isUsableModifiedSince(modifiedSince!, now)) return false;
  return fresh(headers, validators);
}

/**
 * Whether an If-Modified-Since value is a date this server could have sent: one, and not later
 * than now (to the whole second: Last-Modified is rounded up to one, see answerIfUnchanged).
 */
export function isUsableModifiedSince(value: string, now = new Date()): boolean {
  return Date.parse(value) <= Math.ceil(now.getTime() / 1000) * 1000;
}

/**
 * Drops an If-Modified-Since that is no usable date (isUsableModifiedSince) before the routes:
 * Express decides the freshness of every answer it sends with validators again (`res.send`,
 * `req.fresh`), and would answer a date to come with 304.
 */
export function ignoreUnusableModifiedSince(): RequestHandler {
  return (req, _res, next) => {
    const since = req.headers['if-modified-since'];
    if (since !== undefined && !isUsableModifiedSince(since)) delete req.headers['if-modified-since'];
    next();
  };
}
