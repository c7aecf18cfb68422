import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the server, never to the web app's router; in any case, as Express routes them. */
const SERVER_PATHS = /^\/(api|auth|health|docs|docs-json|metrics|v1|\.well-known)(\/|$)/i;

/** What the web app's pages answer to: they are read, never written to. */
const PAGE_METHODS = 'GET, HEAD, OPTIONS';

/**
 * Serves the built web app (Vite's output in `webDir`): files under `assets/` carry a content
 * hash in their names and are cached for a year (immutable); everything else, index.html above
 * all, is revalidated on each load. Any other GET that accepts HTML and is not a server path gets
 * index.html, so deep links (/stories/…, /invitations/<token>) open the app. Any other method
 * there is 405 `ROUTE.METHOD_NOT_ALLOWED` with `Allow: GET, HEAD, OPTIONS` (RFC 9110 §15.5.6),
 * and OPTIONS is 204 with the same `Allow`: every such address is a page of the app.
 */
export function serveWebApp(app: INestApplication, webDir: string): void {
  const root = path.resolve(webDir);
  const index = path.join(root, 'index.html');
  app.use(
    express.static(root, {
      index: false,
      setHeaders: (response, file) => {
        const hashed = file.startsWith(path.join(root, 'assets') + path.sep);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (SERVER_PATHS.test(request.path)) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return void answerOtherMethod(request, response);
    if (!request.accepts('html')) return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The desk web app is not built yet: npm run build');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}

/** OPTIONS or a method that changes something, on an address of the web app's pages. */
function answerOtherMethod(request: Request, response: Response): void {
  response.setHeader('Allow', PAGE_METHODS);
  if (request.method === 'OPTIONS') {
    response.status(204).end();
    return;
  }
  response.status(405).json({ error: { code: 'ROUTE.METHOD_NOT_ALLOWED', message: `${request.method} is not served at ${request.path}; the web app's pages answer ${PAGE_METHODS}` } });
}
