import { pipeline, Readable } from 'node:stream';
import { ErrorLevel, SitemapIndexStream, SitemapStream, type IndexItem, type SitemapItemLoose } from 'sitemap';
import { xmlSafeText } from '@newsroom/contracts';
import { articleUrl, authorPath, sectionPath, tagPath } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import type { ArticleRef, ArticleRefChunk, ListingRef } from '../../articles/use-cases/read-articles/read-articles.query';

/**
 * Addresses per article sitemap file. The protocol allows 50,000 (and 50 MB); smaller files
 * keep each response short, and since files follow publication order only the last one
 * changes when a story is published.
 */
export const ARTICLES_PER_SITEMAP = 10_000;
/** Google News reads articles from the last two days, at most 1,000 per sitemap. */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 3600 * 1000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;
export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** The site paths of the sitemap files. */
export const SITEMAP_PATHS = {
  index: '/sitemap.xml',
  pages: '/sitemaps/pages.xml',
  news: '/sitemaps/news.xml',
  articles: (chunk: number) => `/sitemaps/articles-${chunk}.xml`,
} as const;

/**
 * The sitemap index at /sitemap.xml: the listing pages, one file per chunk of live articles
 * (each with the last change inside it) and the news sitemap.
 */
export function sitemapIndex(publicBaseUrl: string, chunks: ArticleRefChunk[], newest: Date | undefined): Readable {
  const entries: IndexItem[] = [
    { url: `${publicBaseUrl}${SITEMAP_PATHS.pages}`, ...(newest ? { lastmod: newest.toISOString() } : {}) },
    ...chunks.map((chunk) => ({ url: `${publicBaseUrl}${SITEMAP_PATHS.articles(chunk.chunk)}`, lastmod: chunk.lastModified.toISOString() })),
    { url: `${publicBaseUrl}${SITEMAP_PATHS.news}`, ...(newest ? { lastmod: newest.toISOString() } : {}) },
  ];
  return streamThrough(Readable.from(entries), new SitemapIndexStream({ level: ErrorLevel.THROW }));
}

/** One chunk of live articles with their canonical URL and last change, streamed as read. */
export function articleSitemap(refs: AsyncIterable<ArticleRef>, publicBaseUrl: string): Readable {
  return urlSet(Readable.from(mapAsync(refs, (ref) => ({ url: articleUrl(publicBaseUrl, ref.slug), lastmod: ref.updatedAt.toISOString() }))), { news: false });
}

/** The front page and every section, tag and author page that has live stories. */
export function listingSitemap(publicBaseUrl: string, lists: { sections: ListingRef[]; tags: ListingRef[]; authors: ListingRef[] }, newest: Date | undefined): Readable {
  const entry = (path: string, lastModified?: Date): SitemapItemLoose => ({ url: `${publicBaseUrl}${path}`, ...(lastModified ? { lastmod: lastModified.toISOString() } : {}) });
  const items = [
    entry('/', newest),
    ...lists.sections.map((ref) => entry(sectionPath(ref.slug), ref.lastModified)),
    ...lists.tags.map((ref) => entry(tagPath(ref.slug), ref.lastModified)),
    ...lists.authors.map((ref) => entry(authorPath(ref.slug), ref.lastModified)),
  ];
  return urlSet(Readable.from(items), { news: false });
}

/** A Google News sitemap: articles first published within the last two days, under the publication's name. */
export function newsSitemap(articles: PublicArticle[], publicBaseUrl: string, now: Date, siteName: string): Readable {
  const since = now.getTime() - NEWS_SITEMAP_WINDOW_MS;
  const items: SitemapItemLoose[] = articles
    .filter((article) => article.publishedAt.getTime() >= since)
    .slice(0, NEWS_SITEMAP_MAX_URLS)
    .map((article) => ({
      url: articleUrl(publicBaseUrl, article.slug),
      news: {
        // The library escapes markup but not characters XML 1.0 cannot carry at all.
        publication: { name: xmlSafeText(siteName), language: newsLanguage(article.content.language) },
        publication_date: article.publishedAt.toISOString(),
        title: xmlSafeText(article.content.headline),
      },
    }));
  // Two quiet days are normal; the library refuses to write a sitemap without entries, which cut the connection.
  if (items.length === 0) return Readable.from([EMPTY_NEWS_URLSET]);
  return urlSet(Readable.from(items), { news: true });
}

const EMPTY_NEWS_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';

/** Google News wants the ISO 639 code alone, except zh-cn and zh-tw. */
export function newsLanguage(language: string): string {
  const [primary, region] = language.toLowerCase().split('-');
  if (primary === 'zh') return region === 'tw' || region === 'hk' ? 'zh-tw' : 'zh-cn';
  return primary;
}

function urlSet(items: Readable, namespaces: { news: boolean }): Readable {
  return streamThrough(items, new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: namespaces.news, xhtml: false, image: false, video: false } }));
}

/** Pipes `source` into `transform` and hands out the transform; an error on either side ends it with that error. */
function streamThrough<T extends NodeJS.ReadWriteStream & Readable>(source: Readable, transform: T): T {
  pipeline(source, transform, (error) => {
    if (error) transform.destroy(error);
  });
  return transform;
}

async function* mapAsync<A, B>(items: AsyncIterable<A>, map: (item: A) => B): AsyncGenerator<B> {
  for await (const item of items) yield map(item);
}
