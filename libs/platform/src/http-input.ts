import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { DomainError, MESSAGE_LIMITS, describeUnsupportedText, findUnsupportedText, type UnsupportedTextIssue } from '@newsroom/contracts';
import { bodyNotAnObject, isJsonButNotAnObject } from './http-errors';

/** Media types read as JSON: `application/json` and the `+json` family (`application/merge-patch+json`). */
const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Whether a request carries a body: a Content-Length above 0, or chunked (Transfer-Encoding), as
 * Node's parser frames it. The checks of a body's type (JSON only under /v1, a form on the
 * subscriber pages) look only at requests that have one.
 */
export function hasRequestBody(request: IncomingMessage): boolean {
  return Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads request bodies with the limits of MESSAGE_LIMITS, then holds every string of the body,
 * the query and the path to the newsroom's character rule (libs/contracts `text/`). Registered
 * by bootstrapService before any route, in place of Nest's own body parsers, whose 100 kB
 * default refused valid articles.
 *
 * - `largeBodyPaths` (routes that take a whole article) read JSON up to
 *   MESSAGE_LIMITS.articleRequestBodyBytes; every other route up to requestBodyBytes.
 *   Over the limit: 413 REQUEST.TOO_LARGE.
 * - Url-encoded forms (subscriber pages) up to formBodyBytes.
 * - A body that is not valid UTF-8, a form or a query string whose percent-escapes do not decode as
 *   UTF-8 (`?q=%ff`), or a path with such an escape or a `%` that begins none (`/tags/%zz`):
 *   400 REQUEST.INVALID_UTF8 (`details.in`: `body`, `query` or `path`). The parsers would otherwise put U+FFFD in place
 *   of each bad byte, and a headline would be stored with replacement characters in it.
 * - A refused character anywhere: 400 INPUT.UNSUPPORTED_CHARACTER, naming where
 *   (`details: { in: 'body' | 'query' | 'path', path, codePoint }`).
 * - Objects or arrays nested deeper than MAX_INPUT_DEPTH: 400 REQUEST.TOO_DEEP, before field
 *   validation recurses into them.
 * - `unreadBodyPaths`: a POST's body is drained, never parsed or checked. A path matches as Express
 *   routes it (its defaults: any case, one trailing slash), so `/Unsubscribe/` reaches the same
 *   route without its body being read.
 */
export function readRequestInput(app: INestApplication, largeBodyPaths: readonly string[] = [], unreadBodyPaths: readonly string[] = []): void {
  const unreadPaths = new Set(unreadBodyPaths.map(routeKey));
  const unread = (request: Request): boolean => request.method === 'POST' && unreadPaths.has(routeKey(request.path));
  // A body left unread is drained (so the connection can serve the next request) and never parsed.
  const parses = (parser: RequestHandler): RequestHandler => (request, response, next) => {
    if (!unread(request)) return parser(request, response, next);
    request.body = {};
    request.resume();
    next();
  };
  // First: the routes of large bodies below are matched with their parameters decoded.
  app.use(refuseUndecodablePath);
  for (const path of largeBodyPaths) app.use(path, parses(express.json({ limit: MESSAGE_LIMITS.articleRequestBodyBytes, type: JSON_TYPES, verify: refuseInvalidUtf8 })));
  // body-parser skips a request whose body an earlier parser already read.
  app.use(parses(express.json({ limit: MESSAGE_LIMITS.requestBodyBytes, type: JSON_TYPES, verify: refuseInvalidUtf8 })));
  app.use(parses(express.urlencoded({ extended: true, limit: MESSAGE_LIMITS.formBodyBytes, verify: refuseUndecodableForm })));
  app.use(recogniseJsonThatIsNotAnObject);
  app.use(refuseUnsupportedInput);
}

/** A path as Express's router compares it by default: case-insensitive, one trailing slash optional. */
function routeKey(path: string): string {
  return (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).toLowerCase();
}

/**
 * An Express error handler right after the parsers. body-parser refuses a JSON body that is not
 * an object or an array with a SyntaxError, which Nest turns into a 400 carrying the message
 * alone (RoutesResolver.mapExternalException); the message quotes only an excerpt of a long body,
 * so a long JSON string would be called "not valid JSON". Here the raw body is still on the error.
 */
function recogniseJsonThatIsNotAnObject(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  const parseFailure = (error as { type?: unknown }).type === 'entity.parse.failed';
  next(parseFailure && isJsonButNotAnObject((error as { body?: unknown }).body) ? bodyNotAnObject() : error);
}

/**
 * body-parser's `verify`: the raw body must be UTF-8 when read as UTF-8 (the only charset the
 * parsers accept). What it throws is answered as thrown (the error filter reads DomainError first).
 */
export function refuseInvalidUtf8(_request: IncomingMessage, _response: unknown, body: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(body)) {
    throw new DomainError('REQUEST.INVALID_UTF8', 'The request body is not valid UTF-8', 'validation', { in: 'body' });
  }
}

/**
 * body-parser's `verify` for url-encoded forms: the raw bytes must be UTF-8 (refuseInvalidUtf8), and so
 * must what its percent-escapes stand for. The form parser, like the query's, would otherwise
 * keep an escape that does not decode (`tags=%ED%A0%80`) as its literal text, and a tag or a
 * name would be stored made of it. A `%` that starts no escape is kept, as in the query.
 */
function refuseUndecodableForm(request: IncomingMessage, response: unknown, body: Buffer, encoding: string): void {
  refuseInvalidUtf8(request, response, body, encoding);
  if (!escapesDecode(body.toString('latin1'))) {
    throw new DomainError('REQUEST.INVALID_UTF8', 'The form has a percent-escape that is not UTF-8 (such as %ff)', 'validation', { in: 'body' });
  }
}

/**
 * True when every run of percent-escapes in the raw query string decodes as UTF-8 (`%ff` alone
 * does not). A `%` that starts no escape (`?q=100%`) is the parsers' to keep as it is.
 */
function queryDecodes(url: string): boolean {
  const start = url.indexOf('?');
  return start === -1 || escapesDecode(url.slice(start + 1));
}

/**
 * Whether every `%` in the path of `url` begins an escape (`%` and two hex digits) and the escapes
 * decode as UTF-8. The router decodes each parameter of a route with decodeURIComponent and would
 * fail with its own message (`Failed to decode param '%ZZ'`); a path with no parameter there would
 * be a 404 for an address that is not one.
 */
function pathDecodes(url: string): boolean {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  return !/%(?![0-9a-fA-F]{2})/.test(path) && escapesDecode(path);
}

/** Whether each run of percent-escapes in `text` decodes as UTF-8 (`%C3%A9` does, `%ff` alone does not). */
function escapesDecode(text: string): boolean {
  for (const [escapes] of text.matchAll(/(?:%[0-9a-fA-F]{2})+/g)) {
    try {
      decodeURIComponent(escapes);
    } catch {
      return false;
    }
  }
  return true;
}

/** Express middleware, ahead of everything that matches routes: a path whose escapes do not decode (pathDecodes) is 400 REQUEST.INVALID_UTF8. */
export function refuseUndecodablePath(request: Request, _response: Response, next: NextFunction): void {
  if (pathDecodes(request.originalUrl)) return next();
  next(new DomainError('REQUEST.INVALID_UTF8', 'The address has a percent-escape that is not UTF-8 (such as %ff) or no escape at all (such as %zz)', 'validation', { in: 'path' }));
}

/** Express middleware: the check described above, on the parsed body, the query and the path. */
export function refuseUnsupportedInput(request: Request, _response: Response, next: NextFunction): void {
  if (!queryDecodes(request.originalUrl)) {
    return next(new DomainError('REQUEST.INVALID_UTF8', 'The query string has a percent-escape that is not UTF-8 (such as %ff)', 'validation', { in: 'query' }));
  }
  const problem = unsupportedInputOf(request);
  if (!problem) return next();
  const { location, issue } = problem;
  const details = issue.kind === 'character' ? { in: location, path: issue.path, codePoint: issue.codePoint } : { in: location, path: issue.path, maxDepth: issue.maxDepth };
  const message = describeUnsupportedText({ ...issue, path: issue.path || `the request ${location}` });
  next(new DomainError(issue.kind === 'character' ? 'INPUT.UNSUPPORTED_CHARACTER' : 'REQUEST.TOO_DEEP', message, 'validation', details));
}

type Location = 'body' | 'query' | 'path';

function unsupportedInputOf(request: Request): { location: Location; issue: UnsupportedTextIssue } | undefined {
  const path = decodedPath(request.path);
  const candidates: Array<[Location, unknown]> = [
    ['path', path],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [location, value] of candidates) {
    const issue = findUnsupportedText(value);
    if (issue) return { location, issue };
  }
  return undefined;
}

/** The path as routes see it (`/tags/%00` is `/tags/\0`); one that does not decode is left to the router. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}
