import { METHODS } from 'node:http';
import { MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** What this code reads of Express 5's router: its layers, each a route (with its methods) or a middleware. */
interface RouterLayer {
  route?: { path?: unknown; methods: Record<string, boolean | undefined> };
  match(path: string): boolean;
}

/** Nest's answer when no route matched the method and path: `Cannot DELETE /v1/drafts/…`. */
const ROUTER_MISS = /^Cannot [A-Z]+ /;

/**
 * The methods the application's routes serve at `request.path`, upper case, HEAD with GET
 * (Express answers HEAD from a GET route). Read from the router only when a request missed, so
 * the routes that match cost nothing.
 */
export function methodsServedAt(request: Request): string[] {
  // Read defensively: this runs inside the error filter, which must answer whatever it is given.
  const stack = (request.app as unknown as { router?: { stack?: RouterLayer[] } } | undefined)?.router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || isMiddleware(layer.route) || typeof layer.match !== 'function' || !layer.match(request.path)) continue;
    for (const [method, served] of Object.entries(layer.route.methods)) if (served && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/**
 * A route that is middleware bound through the router, not an address that serves anything:
 * one on a wildcard path (the HTTP metrics, on `/{*path}` for each method), or one bound to
 * every method Node knows, which is what Express's `app.all` does for Nest middleware applied
 * to exact paths (notifications' CORS for the site's scripts). Counting the latter would make
 * every method look served there, and a wrong one answer 404 instead of 405.
 */
function isMiddleware(route: NonNullable<RouterLayer['route']>): boolean {
  return String(route.path).includes('*') || METHODS.every((method) => route.methods[method.toLowerCase()]);
}

/** Nest's NotFoundException for a request no route matched (not one a handler threw). */
export function isRouterMiss(exception: unknown): boolean {
  return exception instanceof NotFoundException && ROUTER_MISS.test(exception.message);
}

/** What `Allow` names at a path its routes serve: their methods, and OPTIONS (answerOptions). */
function allowHeader(served: string[]): string {
  return [...new Set([...served, 'OPTIONS'])].sort().join(', ');
}

/**
 * `exception` as it is, unless it is the router's miss on a path that other methods serve
 * (`DELETE /v1/drafts/<id>`, `PUT /v1/drafts`): then 405 Method Not Allowed with `Allow` set on
 * `response` (RFC 9110 §15.5.6), rather than a 404 saying the resource does not exist.
 */
export function asMethodNotAllowed(exception: unknown, request: Request, response: Response): unknown {
  if (!isRouterMiss(exception)) return exception;
  const allowed = methodsServedAt(request);
  // A route of this very method that still missed (it passed the request on) is a 404 after all.
  if (allowed.length === 0 || allowed.includes(request.method)) return exception;
  response.setHeader('Allow', allowHeader(allowed));
  return new MethodNotAllowedException(`${request.method} is not served at ${request.path}; it answers ${allowHeader(allowed)}`);
}

/**
 * OPTIONS on a path the routes serve, that nothing before the router answered (the CORS preflights
 * of notifications' site routes are): 204 No Content with `Allow`, the methods served there and
 * OPTIONS (RFC 9110 §9.3.7), instead of a 405 for asking what is allowed. A path nothing serves
 * stays a 404. Returns true when it answered; the error filters ask it first.
 */
export function answerOptions(exception: unknown, request: Request, response: Response): boolean {
  if (request.method !== 'OPTIONS' || response.headersSent || !isRouterMiss(exception)) return false;
  const allowed = methodsServedAt(request);
  if (allowed.length === 0) return false;
  response.setHeader('Allow', allowHeader(allowed));
  response.status(204).end();
  return true;
}
