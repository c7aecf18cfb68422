/** Pages change when articles do; a minute of caching spares the database without hiding news for long. */
export const PAGE_CACHE = 'public, max-age=60';
/** A missing page may be an article about to go live: cache that answer only briefly. */
export const MISSING_CACHE = 'public, max-age=10';
/** Feeds and sitemaps are polled; two minutes is fresh enough for them. */
export const FEED_CACHE = 'public, max-age=120';
/** Public JSON reads; editors' changes show within this time. */
export const API_CACHE = 'public, max-age=30';
/** Search results depend on the words asked; a short while is enough. */
export const SEARCH_CACHE = 'public, max-age=30';
