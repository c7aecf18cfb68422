import type { ArticleContent } from '@newsroom/contracts';
import type { PublishedArticle } from './published-article';
import { articleUrl, authorPath, sectionPath, tagPath } from './public-urls';
import { authorSlug } from './slug';

/** What the public sees of an article: its page, and the text its listings show while it is live. */
export interface PublicFootprint {
  slug: string | null;
  /** The live text; null while nothing of it is listed (not live yet, withdrawn, killed). */
  listed: ArticleContent | null;
}

/** An article's footprint now: call it before and after a change to learn what the change touched. */
export function footprintOf(article: PublishedArticle): PublicFootprint {
  const { status, slug, live } = article.view();
  return { slug, listed: status === 'published' && live ? live.content : null };
}

/** The feed files every story list has beside its page (site/feeds serves them). */
const FEED_FILES = ['rss.xml', 'atom.xml', 'feed.json'];

/** Pages that change with any visible change to any story: the front page, the site's feeds, the sitemaps. */
const SITE_WIDE_PATHS = ['/', ...FEED_FILES.map((file) => `/feeds/${file}`), '/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/news.xml'];

/**
 * Every public URL whose content a change to an article touched, given what the public saw
 * before and after it: the article's page, the front page and site feeds, the sitemaps, and
 * the section, tag and author pages (each with its feeds) it was or is listed on; with
 * `corrections`, the corrections log too. Absolute, each once, the article's page first.
 */
export function changedPages(publicBaseUrl: string, before: PublicFootprint, after: PublicFootprint, options: { corrections?: boolean } = {}): string[] {
  const slug = after.slug ?? before.slug;
  const lists = [before.listed, after.listed].flatMap((content) => (content ? listPaths(content) : []));
  const paths = [...SITE_WIDE_PATHS, ...lists, ...(options.corrections ? ['/corrections'] : [])];
  return [...new Set([...(slug ? [articleUrl(publicBaseUrl, slug)] : []), ...paths.map((path) => `${publicBaseUrl}${path}`)])];
}

/** The story lists a live text appears on, each with its feeds. */
function listPaths(content: ArticleContent): string[] {
  const lists = [sectionPath(content.section), ...content.tags.map(tagPath), ...content.bylines.map((byline) => authorPath(authorSlug(byline.name)))];
  return lists.flatMap((path) => [path, ...FEED_FILES.map((file) => `${path}/feeds/${file}`)]);
}

