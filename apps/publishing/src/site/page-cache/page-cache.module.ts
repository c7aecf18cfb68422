import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RELATIVE_TIME_STEP_MS } from '../transport/http-caching';
import { PageCache } from './page-cache';
import { PageCacheInterceptor } from './page-cache.interceptor';
import { PageCacheInvalidator } from './page-cache-invalidator';

/** Bodies kept per process. A page is 20–60 KB: some thousands of pages. */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
/** As long as a CDN keeps a page (PAGE_CACHE's max-age): the most a share count lags on another replica. */
const PAGE_CACHE_TTL_MS = 60_000;

/** Rendered public pages in memory (PageCache), served by PageCacheInterceptor, emptied by PageCacheInvalidator. */
@Module({
  providers: [
    { provide: PageCache, useFactory: () => new PageCache({ maxBytes: PAGE_CACHE_BYTES, ttlMs: PAGE_CACHE_TTL_MS, stepMs: RELATIVE_TIME_STEP_MS }) },
    { provide: APP_INTERCEPTOR, useClass: PageCacheInterceptor },
    PageCacheInvalidator,
  ],
  exports: [PageCache],
})
export class PageCacheModule {}
