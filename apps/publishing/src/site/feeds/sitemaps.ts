import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { SITE_NAME } from '../rendering/labels';

/** The sitemap protocol's limit per file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google News reads articles from the last two days, at most 1,000 per sitemap. */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 3600 * 1000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;
export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** Every live article with its last change. */
export function renderSitemap(articles: PublicArticle[], publicBaseUrl: string): string {
  const urls = articles
    .slice(0, SITEMAP_MAX_URLS)
    .map(
      (article) =>
        `  <url><loc>${escapeXml(articleUrl(publicBaseUrl, article.slug))}</loc><lastmod>${article.updatedAt.toISOString()}</lastmod></url>`,
    );
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** A Google News sitemap: articles first published within the last two days. */
export function renderNewsSitemap(articles: PublicArticle[], publicBaseUrl: string, now: Date): string {
  const since = now.getTime() - NEWS_SITEMAP_WINDOW_MS;
  const urls = articles
    .filter((article) => article.publishedAt.getTime() >= since)
    .slice(0, NEWS_SITEMAP_MAX_URLS)
    .map(
      (article) => `  <url>
    <loc>${escapeXml(articleUrl(publicBaseUrl, article.slug))}</loc>
    <news:news>
      <news:publication><news:name>${escapeXml(SITE_NAME)}</news:name><news:language>${newsLanguage(article.content.language)}</news:language></news:publication>
      <news:publication_date>${article.publishedAt.toISOString()}</news:publication_date>
      <news:title>${escapeXml(article.content.headline)}</news:title>
    </news:news>
  </url>`,
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

/** Google News wants the ISO 639 code alone, except zh-cn and zh-tw. */
export function newsLanguage(language: string): string {
  const [primary, region] = language.toLowerCase().split('-');
  if (primary === 'zh') return region === 'tw' || region === 'hk' ? 'zh-tw' : 'zh-cn';
  return primary;
}
