import { SITEMAP_PATHS } from './sitemaps';

/**
 * robots.txt: crawlers may read every page and feed, but not search results (endless,
 * thin pages) or the JSON API; the sitemap index says where everything is.
 */
export function renderRobotsTxt(publicBaseUrl: string): string {
  return ['User-agent: *', 'Disallow: /search', 'Disallow: /v1/', 'Allow: /', '', `Sitemap: ${publicBaseUrl}${SITEMAP_PATHS.index}`, ''].join('\n');
}
