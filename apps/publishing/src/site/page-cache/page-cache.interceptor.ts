import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { of, type Observable } from 'rxjs';
import { PageCache } from './page-cache';
import { answers, cacheKeyOf, sendCachedPage, serviceHeadersOf } from './page-cache.http';

/**
 * What a page's representation is described by; per-client headers (rate limits, request ids,
 * security nonces) are never kept. The service's own headers (noteServiceHeaders) are kept too.
 */
const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'content-language', 'link', 'vary'];
/** Requests that change only an article's share count: they forget article pages, not the lists. */
const SHARE_REQUEST = /^\/(?:articles\/[^/]+\/share\/[^/]+|v1\/articles\/[^/]+\/shares)$/;

/**
 * Keeps the public pages in PageCache: a miss renders as always and keeps the answer (200 and
 * 410 only) if nothing changed meanwhile; hits are answered before the router by
 * pageCacheFront (304 to a matching validator, or the stored bytes, without a query or a
 * render). A page is keyed by its path and `page` parameter; a request with any other
 * parameter is not cached. The per-client page limit counts hits and misses alike. Any other
 * request that may change what pages show (every non-GET on this service: editors' actions,
 * shares) empties the cache when it starts and again as its answer is written, so the editor
 * who changed a page sees the change at once; changes arriving over Kafka empty it through
 * PageCacheInvalidator.
 */
@Injectable()
export class PageCacheInterceptor implements NestInterceptor {
  constructor(@Inject(PageCache) private readonly cache: PageCache) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.invalidateAround(req, res);
      return next.handle();
    }
    const key = cacheKeyOf(req.originalUrl);
    if (key === null) return next.handle();
    // Hits are answered ahead of the framework (answerCachedPagesFirst); one kept since it looked is served here.
    const hit = this.cache.has(key) ? this.cache.get(key) : undefined;
    if (hit && answers(req, hit)) {
      sendCachedPage(req, res, hit);
      return of(undefined);
    }
    this.keepWhatIsSent(key, res);
    return next.handle();
  }

  private keepWhatIsSent(key: string, res: Response): void {
    const generation = this.cache.generation;
    const cache = this.cache;
    const send = res.send;
    res.send = function sendAndKeep(this: Response, body?: unknown) {
      res.send = send;
      // Pages only: a 410 may be a page (the notice) or the coded JSON error, by Accept (answers).
      const page = /^text\/html/.test(String(res.getHeader('content-type') ?? ''));
      if ((res.statusCode === 200 || res.statusCode === 410) && page && typeof body === 'string') {
        const headers: Record<string, string> = {};
        for (const name of [...serviceHeadersOf(res), ...KEPT_HEADERS]) {
          const value = res.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        cache.store(key, generation, { status: res.statusCode, body, headers });
      }
      return send.call(this, body);
    } as Response['send'];
  }

  private invalidateAround(req: Request, res: Response): void {
    const onlyArticles = SHARE_REQUEST.test(req.path);
    const invalidate = () => (onlyArticles ? this.cache.invalidate('/articles/') : this.cache.invalidate());
    invalidate();
    const end = res.end;
    res.end = function endAfterInvalidating(this: Response, ...args: unknown[]) {
      invalidate();
      return (end as (...rest: unknown[]) => Response).apply(this, args);
    } as Response['end'];
  }
}
