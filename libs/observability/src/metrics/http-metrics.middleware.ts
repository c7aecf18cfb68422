import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { countedAndTimed } from './registry';

/** Seconds; from 5 ms (a cached page) to 10 s (a request stuck behind the database). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const HTTP_LABELS = ['method', 'route', 'status'] as const;

const recordRequest = countedAndTimed(
  {
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: HTTP_LABELS,
  },
  {
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its response, in seconds, by method, route template and status code.',
    labelNames: HTTP_LABELS,
    buckets: DURATION_BUCKETS,
  },
);

/** The label for requests no route matched (404s, probes of random paths): one series, not one per path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Counts and times every HTTP request by its route template (`/v1/drafts/:id`), never by
 * its raw path: ids in paths would make a series per article.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      recordRequest({ method: request.method, route: routeTemplateOf(request), status: String(response.statusCode) }, seconds);
    });
    next();
  }
}

/** Express sets `request.route` once a route matched; its path is the template Nest registered. */
export function routeTemplateOf(request: Pick<Request, 'baseUrl'> & { route?: { path?: unknown } }): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : UNMATCHED_ROUTE;
}
