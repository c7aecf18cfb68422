import type { LimitedRoute, RateLimits } from '@newsroom/platform';

/**
 * Readers' requests per client: five a second on average, well above what a
 * person reading pages (or a feed reader) sends, and low enough that one client
 * cannot keep the site busy. Static files (/static) are served before this
 * count and are not limited. RATE_LIMITS changes it (docs/deployment.md).
 */
export const PUBLISHING_RATE_LIMITS: RateLimits = {
  // Counted in each process's memory: a page served from the page cache costs no database
  // round trip. Each replica counts on its own (RateLimitStore says why that is sound here).
  'pages:client': { points: 300, durationSeconds: 60, perProcess: true },
  // A reader shares a story now and then; more is someone inflating the counts.
  'shares:client': { points: 20, durationSeconds: 600 },
};

/** Every page, feed, sitemap and API read (the probes left out), and the share counters anyone can post to. */
export const PUBLISHING_LIMITED_ROUTES: readonly LimitedRoute[] = [
  { name: 'pages', methods: ['GET', 'HEAD'], path: /^\/(?!health(\/|$))/ },
  { name: 'shares', methods: ['POST'], path: /^\/(v1\/articles\/[^/]+\/shares|articles\/[^/]+\/share\/[^/]+)\/?$/ },
];
