import { Feed, type Item } from 'feed';
import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { renderDirectedBody } from '../rendering/article-body';
import { articleDescription } from '../rendering/article-metadata';
import { escapeHtml } from '@newsroom/html';
import { xmlSafeText } from '@newsroom/contracts';
import { humanize, joinNames, leadImage, tagName } from '../rendering/labels';
import type { TimeLocale } from '../rendering/time-format';
import { storyListPath, type StoryList } from '../rendering/listing-pages';
import { renderJsonFeed } from './json-feed';

export const FEED_SIZE = 50;

export const FEED_FORMATS = {
  rss: { file: 'rss.xml', contentType: 'application/rss+xml; charset=utf-8' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8' },
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;

/** What feeds say about the site: its name, interface language and section names. */
export interface FeedSite {
  name: string;
  /** The publisher's logo (absolute URL): RSS `<image>`, Atom `<logo>`, JSON Feed `icon`. */
  logoUrl?: string;
  language: string;
  /** The site's zone, for the dates the bodies' own words give (a related story's date). */
  timeZone: string;
  sectionLabel(slug: string): string;
}

/** Which stories a feed carries: the whole site, or one section, tag or author. */
export interface FeedScope {
  site: FeedSite;
  title: string;
  description: string;
  /** Site path of the matching HTML page: `/` or `/sections/politics`. */
  pagePath: string;
  /** Site path the feed files live under: `/feeds` or `/sections/politics/feeds`. */
  feedPath: string;
}

export function siteFeedScope(site: FeedSite): FeedScope {
  return { site, title: site.name, description: `The latest news from ${site.name}.`, pagePath: '/', feedPath: '/feeds' };
}

/** The feeds of a section, a tag or an author, beside their page: `/tags/ports/feeds/rss.xml`. */
export function storyListFeedScope(list: StoryList, site: FeedSite): FeedScope {
  const name = list.kind === 'section' ? site.sectionLabel(list.section) : list.kind === 'tag' ? (list.name ?? humanize(list.tag)) : list.name;
  const path = storyListPath(list);
  const description =
    list.kind === 'section'
      ? `The latest ${name} news from ${site.name}.`
      : list.kind === 'tag'
        ? `The latest stories about ${name} from ${site.name}.`
        : `The latest stories by ${name} at ${site.name}.`;
  return { site, title: `${site.name}: ${name}`, description, pagePath: path, feedPath: `${path}/feeds` };
}

export function sectionFeedScope(section: string, site: FeedSite): FeedScope {
  return storyListFeedScope({ kind: 'section', section }, site);
}

/**
 * One feed document. Atom declares titles and summaries as HTML (`type="html"`), and RSS its
 * descriptions ("entity-encoded HTML is allowed"), so plain text is escaped for them; an RSS
 * item title is plain text (the RSS Advisory Board's profile: titles "should not contain HTML",
 * and readers show them literally), as JSON Feed's are. Bodies are the site's safe HTML.
 */
export function renderFeed(format: FeedFormat, scope: FeedScope, articles: PublicArticle[], publicBaseUrl: string, now: Date): string {
  const links = Object.fromEntries(Object.entries(FEED_FORMATS).map(([key, { file }]) => [key, `${publicBaseUrl}${scope.feedPath}/${file}`]));
  const pageUrl = `${publicBaseUrl}${scope.pagePath === '/' ? '/' : scope.pagePath}`;
  const newest = articles.reduce<Date | undefined>((latest, a) => (!latest || a.updatedAt > latest ? a.updatedAt : latest), undefined);
  const feed = new Feed({
    id: pageUrl,
    title: xmlText(scope.title),
    description: xmlText(scope.description),
    link: pageUrl,
    language: scope.site.language,
    updated: newest ?? now,
    // Atom's generator goes through the library's own `&` escape, which its writer undoes; RSS's does not.
    generator: format === 'rss' ? xmlText(scope.site.name) : scope.site.name,
    feedLinks: links,
    favicon: `${publicBaseUrl}/static/favicon.svg`,
    ...(scope.site.logoUrl ? { image: scope.site.logoUrl } : {}),
    copyright: xmlText(`© ${now.getUTCFullYear()} ${scope.site.name}`),
  });
  const text = format === 'json' ? (value: string) => value : escapeHtml;
  for (const article of articles.slice(0, FEED_SIZE)) feed.addItem(feedItem(article, format, text, publicBaseUrl, { language: scope.site.language, timeZone: scope.site.timeZone }));
  // The whole document goes through xmlSafeText: a character XML 1.0 cannot carry, in any field
  // of any story stored before inputs refused them, must not make the feed unreadable for everyone.
  switch (format) {
    case 'rss':
      return xmlSafeText(splitCdataEnds(feed.rss2()));
    case 'atom':
      return xmlSafeText(feed.atom1());
    case 'json':
      return renderJsonFeed(
        {
          title: scope.title,
          description: scope.description,
          homePageUrl: pageUrl,
          feedUrl: links.json,
          publicBaseUrl,
          siteName: scope.site.name,
          language: scope.site.language,
          timeZone: scope.site.timeZone,
          ...(scope.site.logoUrl ? { logoUrl: scope.site.logoUrl } : {}),
        },
        articles.slice(0, FEED_SIZE),
      );
  }
}

function feedItem(article: PublicArticle, format: FeedFormat, text: (value: string) => string, publicBaseUrl: string, locale: TimeLocale): Item {
  const { content } = article;
  const url = articleUrl(publicBaseUrl, article.slug);
  const names = content.bylines.map((byline) => byline.name);
  const image = leadImage(content);
  const imageUrl = image && (format === 'json' || enclosureType(image.url) ? image.url : undefined);
  return {
    title: format === 'rss' ? rssTitle(content.headline) : text(content.headline),
    id: url,
    link: url,
    date: article.updatedAt,
    published: article.publishedAt,
    description: text(articleDescription(article)),
    content: renderDirectedBody(content, { locale }).value,
    author: names.map((name) => ({ name: xmlText(name) })),
    // A category's name is an attribute in Atom (`label`), where the library's writer escapes only
    // `"` (a label "AT&T" or "<Brexit>" would break the feed), and text in RSS.
    category: [
      { name: humanize(content.section), term: content.section },
      ...content.tags.map((tag) => ({ name: tagName(tag, content.tagLabels), term: tag })),
    ].map((category) => ({ ...category, name: format === 'atom' ? escapeHtml(category.name) : xmlText(category.name) })),
    ...(imageUrl ? { image: imageUrl } : {}),
    // RSS has no author element without an email address; Dublin Core's creator carries names.
    ...(format === 'rss' ? { extensions: [{ name: 'dc:creator', objects: { _text: xmlText(joinNames(names)) } }] } : {}),
  };
}

/**
 * A value the feed library writes as an XML text node (a feed's title, an author's name, an RSS
 * category). Its writer (xml-js) first turns every `&amp;` in the text back into `&`, then
 * escapes, so a byline typed as "Smith &amp; Jones" would read "Smith & Jones". Written with
 * its `&` as `&amp;` here, that first step gives back exactly what was typed.
 */
function xmlText(value: string): string {
  return value.replaceAll('&', '&amp;');
}

/**
 * A headline as an RSS item title: plain text, which the feed library writes in a CDATA section.
 * A `]]>` in it would end the section, and the library splits only the first one, so each is
 * held as CDATA_END_HELD while the library writes, and split after (splitCdataEnds): the title
 * reads exactly as typed, in a well-formed document.
 */
function rssTitle(headline: string): string {
  return headline.replaceAll(']]>', CDATA_END_HELD);
}

/**
 * `]]>` with a NUL inside: no text the library writes carries a NUL (inputs refuse it, and
 * xmlSafeText takes it out of the written feed after this is undone), so nothing else is taken for it.
 */
const CDATA_END_HELD = ']]\u0000>';

/** Each held `]]>` of a written RSS document as CDATA carries it: the section ended after `]]` and a new one begun for `>`. */
function splitCdataEnds(xml: string): string {
  return xml.replaceAll(CDATA_END_HELD, ']]]]><![CDATA[>');
}

/**
 * The feed library derives an enclosure's MIME type from the file extension ("image/jpg",
 * "image/svg"); only extensions that yield a real image type are announced in RSS and Atom.
 */
function enclosureType(url: string): boolean {
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase();
  return extension !== undefined && ['png', 'gif', 'webp', 'jpeg', 'avif'].includes(extension);
}
