import { bodyWordCount, inlineToPlainText, truncateText } from '@newsroom/contracts';
import { articleUrl } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { html, jsonForScript, type SafeHtml } from '@newsroom/html';
import { largestImage } from './images';
import { humanize, leadImage, tagName } from './labels';
import { openGraphLocale } from './layout';

const DESCRIPTION_LENGTH = 200;

/** The standfirst, or the start of the first paragraph, as plain text for previews. */
export function articleDescription(article: PublicArticle): string {
  const { content } = article;
  if (content.standfirst) return content.standfirst;
  const first = content.body.find((block) => block.type === 'paragraph');
  const text = first && first.type === 'paragraph' ? inlineToPlainText(first.text).trim() : '';
  return truncateText(text, DESCRIPTION_LENGTH);
}

/** Link-preview tags (OpenGraph, Twitter cards) and schema.org NewsArticle data for one article. */
export function articleHead(article: PublicArticle, publicBaseUrl: string, siteName: string, logoUrl?: string): SafeHtml {
  const { content } = article;
  const url = articleUrl(publicBaseUrl, article.slug);
  const description = articleDescription(article);
  const lead = leadImage(content);
  // Link previews get the widest size of the lead picture, with its size when known.
  const image = lead && { ...largestImage(lead), alt: lead.alt };
  const published = article.publishedAt.toISOString();
  const modified = article.updatedAt.toISOString();
  return html`<meta property="og:type" content="article">
<meta property="og:site_name" content="${siteName}">
<meta property="og:title" content="${content.headline}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${openGraphLocale(content.language)}">
${image && html`<meta property="og:image" content="${image.url}">\n<meta property="og:image:alt" content="${image.alt}">`}
${image?.width && html`<meta property="og:image:width" content="${image.width}">`}
${image?.height && html`<meta property="og:image:height" content="${image.height}">`}
<meta property="article:published_time" content="${published}">
<meta property="article:modified_time" content="${modified}">
<meta property="article:section" content="${humanize(content.section)}">
${content.tags.map((tag) => html`<meta property="article:tag" content="${tagName(tag, content.tagLabels)}">\n`)}
<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${content.headline}">
<meta name="twitter:description" content="${description}">
${image && html`<meta name="twitter:image" content="${image.url}">`}
<script type="application/ld+json">${jsonForScript(newsArticleJsonLd(article, publicBaseUrl, siteName, logoUrl))}</script>`;
}

/** schema.org NewsArticle, as search engines read it; `logoUrl` becomes the publisher's `logo` (an ImageObject). */
export function newsArticleJsonLd(article: PublicArticle, publicBaseUrl: string, siteName: string, logoUrl?: string): Record<string, unknown> {
  const { content } = article;
  const url = articleUrl(publicBaseUrl, article.slug);
  const images = content.body.flatMap((block) => (block.type === 'image' ? [largestImage(block).url] : []));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: content.headline,
    ...(content.standfirst ? { description: content.standfirst } : {}),
    ...(images.length > 0 ? { image: images } : {}),
    datePublished: article.publishedAt.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: content.bylines.map((byline) => ({ '@type': 'Person', name: byline.name })),
    publisher: { '@type': 'Organization', name: siteName, url: publicBaseUrl, ...(logoUrl ? { logo: { '@type': 'ImageObject', url: logoUrl } } : {}) },
    articleSection: humanize(content.section),
    ...(content.tags.length > 0 ? { keywords: content.tags.map((tag) => tagName(tag, content.tagLabels)).join(', ') } : {}),
    inLanguage: content.language,
    // The body's words, counted as the desk counts them (bodyWordCount).
    wordCount: bodyWordCount(content.body, content.language),
    ...(content.dateline ? { contentLocation: { '@type': 'Place', name: content.dateline.place } } : {}),
    isAccessibleForFree: true,
  };
}
