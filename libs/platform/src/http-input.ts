import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError, MESSAGE_LIMITS, describeUnsupportedText, findUnsupportedText, type UnsupportedTextIssue } from '@newsroom/contracts';

/** Media types read as JSON: `application/json` and the `+json` family (`application/merge-patch+json`). */
const JSON_TYPES = ['application/json', 'application/*+json'];

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
 * - A refused character anywhere: 400 INPUT.UNSUPPORTED_CHARACTER, naming where
 *   (`details: { in: 'body' | 'query' | 'path', path, codePoint }`).
 * - Objects or arrays nested deeper than MAX_INPUT_DEPTH: 400 REQUEST.TOO_DEEP, before field
 *   validation recurses into them.
 */
export function readRequestInput(app: INestApplication, largeBodyPaths: readonly string[] = []): void {
  for (const path of largeBodyPaths) app.use(path, express.json({ limit: MESSAGE_LIMITS.articleRequestBodyBytes, type: JSON_TYPES }));
  // body-parser skips a request whose body an earlier parser already read.
  app.use(express.json({ limit: MESSAGE_LIMITS.requestBodyBytes, type: JSON_TYPES }));
  app.use(express.urlencoded({ extended: true, limit: MESSAGE_LIMITS.formBodyBytes }));
  app.use(refuseUnsupportedInput);
}

/** Express middleware: the check described above, on the parsed body, the query and the path. */
export function refuseUnsupportedInput(request: Request, _response: Response, next: NextFunction): void {
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
