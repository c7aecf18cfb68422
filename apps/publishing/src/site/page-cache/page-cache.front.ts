import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { counter } from '@newsroom/observability';
import type { RequestLimits } from '@newsroom/platform';
import type { PageCache } from './page-cache';
import { answers, cacheKeyOf, sendCachedPage } from './page-cache.http';

const answered = counter({
  name: 'newsroom_page_cache_answers_total',
  help: 'Public pages answered from the page cache ahead of the framework (not in http_requests_total), by status code.',
  labelNames: ['status'],
});

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Answers the page cache's hits on the HTTP server itself, ahead of Express and Nest: a cached
 * page costs the reader's per-client page limit (counted in memory by RequestLimits, as the
 * guard would count it) and a map lookup, and is sent with the headers kept with it — the
 * page's own and the service's security headers — and its bytes. Everything else goes on to
 * the framework unchanged: a miss (rendered and kept by PageCacheInterceptor), a page with
 * other query parameters, a reader over the limit (RateLimitGuard answers the 429 with the
 * site's error page, from the count made here: a request is counted once). Such answers are
 * not in the request log or `http_requests_total`; `newsroom_page_cache_answers_total`
 * counts them.
 *
 * Call once the app is created and before it listens: it wraps the server's request listener.
 */
export function answerCachedPagesFirst(server: Server, cache: PageCache, limits: RequestLimits): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`the page cache expects one request listener on the HTTP server, found ${listeners.length}`);
  const [framework] = listeners;
  server.removeListener('request', framework);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const key = (req.method === 'GET' || req.method === 'HEAD') && req.url ? cacheKeyOf(req.url) : null;
    if (key === null || !cache.has(key)) return framework(req, res);
    limits.check(req, key.split('?')[0]).then(
      (limit) => {
        const hit = limit.allowed ? cache.get(key) : undefined;
        if (!hit || !answers(req, hit)) return framework(req, res);
        sendCachedPage(req, res, hit);
        answered.inc({ status: String(res.statusCode) });
      },
      () => framework(req, res),
    );
  });
}
