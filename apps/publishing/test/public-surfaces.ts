import type { HttpClient } from '@newsroom/test-harness';
import { PUBLIC_BASE_URL } from './publishing.fixtures';
import { elementsNamed, parseXml, textOf } from './xml';

/** One public answer, as a reader, crawler or API client gets it. */
export interface Surface {
  path: string;
  status: number;
  text: string;
}

/** A site path from one of the site's absolute URLs (sitemaps list absolute URLs). */
function sitePath(url: string): string {
  return url.startsWith(PUBLIC_BASE_URL) ? url.slice(PUBLIC_BASE_URL.length) || '/' : url;
}

/** The sitemap index and every sitemap it lists, each parsed: a failure to parse fails the test. */
export async function sitemapFiles(site: HttpClient): Promise<Surface[]> {
  const index = await site.get('/sitemap.xml');
  const files = elementsNamed(parseXml(index.text), 'loc').map((loc) => sitePath(textOf(loc)));
  const sitemaps = await Promise.all(files.map(async (path) => ({ path, ...(await site.get(path)) })));
  for (const sitemap of sitemaps) parseXml(sitemap.text);
  return [{ path: '/sitemap.xml', status: index.status, text: index.text }, ...sitemaps.map(({ path, status, text }) => ({ path, status, text }))];
}

/** Every address the sitemaps list, as absolute URLs. */
export async function sitemapUrls(site: HttpClient): Promise<string[]> {
  const files = await sitemapFiles(site);
  return files.slice(1).flatMap((file) => elementsNamed(parseXml(file.text), 'loc').map(textOf));
}

export interface SurfaceProbe {
  articleId: string;
  /** The lists the story would appear in if it were public. */
  section: string;
  tag: string;
  author: string;
  /** Words of the story a reader might search for. */
  words: string[];
  /** The story's address, when it has one. */
  slug?: string;
}

/**
 * Everything public that could say something about one story: its page and API resource,
 * the front page, its section, tag and author pages, every feed of the site and of those
 * lists, the sitemap index and each sitemap, search (page and API) for its words, the
 * article list API and the corrections log.
 */
export async function publicSurfaces(site: HttpClient, probe: SurfaceProbe): Promise<Surface[]> {
  const lists = ['', `/sections/${probe.section}`, `/tags/${probe.tag}`, `/authors/${probe.author}`];
  const paths = [
    '/',
    ...lists.slice(1),
    ...lists.flatMap((list) => ['rss.xml', 'atom.xml', 'feed.json'].map((file) => `${list}/feeds/${file}`)),
    `/v1/articles/${probe.articleId}`,
    '/v1/articles?limit=100',
    `/v1/articles?tag=${probe.tag}`,
    `/v1/articles?section=${probe.section}`,
    '/corrections',
    '/robots.txt',
    ...probe.words.flatMap((word) => [`/search?q=${encodeURIComponent(word)}`, `/v1/search?q=${encodeURIComponent(word)}`]),
    ...(probe.slug ? [`/articles/${probe.slug}`] : []),
  ];
  const answers = await Promise.all(paths.map(async (path) => ({ path, ...(await site.get(path)) })));
  return [...answers.map(({ path, status, text }) => ({ path, status, text })), ...(await sitemapFiles(site))];
}

/** The surfaces whose text contains `needle`, as `path (status)`, for a readable failure. */
export function surfacesMentioning(surfaces: Surface[], needle: string): string[] {
  return surfaces.filter((surface) => surface.text.includes(needle)).map((surface) => `${surface.path} (${surface.status})`);
}
