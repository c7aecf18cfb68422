import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { renderDirectedBody } from '../rendering/article-body';
import { articleDescription } from '../rendering/article-metadata';
import { largestImage } from '../rendering/images';
import { humanize, leadImage, tagName } from '../rendering/labels';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1), the fields this site fills in. */
export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  icon?: string;
  favicon: string;
  language: string;
  authors: { name: string; url?: string }[];
  items: JsonFeedItem[];
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors: { name: string }[];
  tags: string[];
  language: string;
}

export interface JsonFeedHead {
  title: string;
  description: string;
  /** Absolute URLs of the matching HTML page and of this feed. */
  homePageUrl: string;
  feedUrl: string;
  publicBaseUrl: string;
  siteName: string;
  /** The interface language of the site; each item says its own. */
  language: string;
  /** The site's zone, for the dates the bodies' own words give (a related story's date). */
  timeZone: string;
  /** The publisher's logo (absolute URL): the feed's `icon`. */
  logoUrl?: string;
}

/**
 * JSON Feed 1.1. Version 1.1 replaced `author` by `authors` and added `language`, which each
 * item carries too, since one feed can mix languages. Titles and summaries are plain text;
 * `content_html` is the site's safe article HTML. `date_modified` moves with every change
 * readers can see (update, correction).
 */
export function renderJsonFeed(head: JsonFeedHead, articles: PublicArticle[]): string {
  const feed: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: head.title,
    home_page_url: head.homePageUrl,
    feed_url: head.feedUrl,
    description: head.description,
    ...(head.logoUrl ? { icon: head.logoUrl } : {}),
    favicon: `${head.publicBaseUrl}/static/favicon.svg`,
    language: head.language,
    authors: [{ name: head.siteName, url: `${head.publicBaseUrl}/` }],
    items: articles.map((article) => jsonFeedItem(article, head)),
  };
  return JSON.stringify(feed);
}

function jsonFeedItem(article: PublicArticle, head: JsonFeedHead): JsonFeedItem {
  const { content } = article;
  const url = articleUrl(head.publicBaseUrl, article.slug);
  const image = leadImage(content);
  return {
    id: url,
    url,
    title: content.headline,
    content_html: renderDirectedBody(content, { locale: { language: head.language, timeZone: head.timeZone } }).value,
    summary: articleDescription(article),
    // JSON Feed 1.1 `image`: the main picture; its widest rendition when the block has several.
    ...(image ? { image: largestImage(image).url } : {}),
    date_published: article.publishedAt.toISOString(),
    date_modified: article.updatedAt.toISOString(),
    authors: content.bylines.map((byline) => ({ name: byline.name })),
    tags: [humanize(content.section), ...content.tags.map((tag) => tagName(tag, content.tagLabels))],
    language: content.language,
  };
}
