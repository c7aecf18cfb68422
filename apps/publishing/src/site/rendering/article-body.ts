import { isHttpUrl, textDirection, type ArticleBlock, type ArticleContent } from '@newsroom/contracts';
import { html, type SafeHtml } from '@newsroom/html';
import { ARTICLE_IMAGE_SIZES, responsiveImg } from './images';
import { renderInline } from './inline-html';
import { labelsOf } from './labels';
import { formatDateline, formatRelativeTime, formatShortDate, type TimeLocale } from './time-format';

export interface BodyOptions {
  /**
   * Pages pass the time of rendering and related teasers show "2 days ago". Without it (API,
   * feeds, which are read long after they are produced) teasers show the date.
   */
  now?: Date;
  /** The site's language and zone for those times; English and UTC unless said. */
  locale?: TimeLocale;
}

/**
 * The article body as HTML: the same safe rendering for the page, the API's `body_html` and
 * the feeds. The dateline leads the first paragraph ("Kyiv, November 21 – The council…").
 */
export function renderArticleBody(content: ArticleContent, options: BodyOptions = {}): SafeHtml {
  const firstParagraph = content.body.findIndex((block) => block.type === 'paragraph');
  const dateline = content.dateline ? html`<span class="dateline">${formatDateline(content.dateline, content.language)}</span> ` : null;
  const standalone = dateline && firstParagraph === -1 ? html`<p>${dateline}</p>` : null;
  // An image among the first two blocks is in view when the page opens; it loads at once.
  const leadImage = content.body.findIndex((block) => block.type === 'image');
  const eagerImage = leadImage !== -1 && leadImage < 2 ? leadImage : -1;
  return html`${standalone}${content.body.map((block, index) =>
    renderBlock(block, { lead: index === firstParagraph ? dateline : null, eager: index === eagerImage }, options, content.language),
  )}`;
}

/**
 * The body wrapped in an element that says its language and direction, for outputs read
 * outside the page (feeds): an Arabic story stays right to left in a reader's feed app.
 */
export function renderDirectedBody(content: ArticleContent, options: BodyOptions = {}): SafeHtml {
  return html`<div lang="${content.language}" dir="${textDirection(content.language)}">${renderArticleBody(content, options)}</div>`;
}

/** Quotation marks as the article's language writes them: “English”, «українською», «بالعربية», „Deutsch“. */
const QUOTE_MARKS: Record<string, [string, string]> = {
  ar: ['«', '»'],
  fa: ['«', '»'],
  uk: ['«', '»'],
  ru: ['«', '»'],
  fr: ['« ', ' »'],
  de: ['„', '“'],
  pl: ['„', '”'],
  he: ['"', '"'],
};

function quoteMarks(language: string): [string, string] {
  return QUOTE_MARKS[language.toLowerCase().split('-')[0]] ?? ['“', '”'];
}

/** `lead`: the dateline, for the first paragraph; `eager`: the image is above the fold. */
function renderBlock(block: ArticleBlock, place: { lead: SafeHtml | null; eager: boolean }, options: BodyOptions, language: string): SafeHtml | null {
  const { lead } = place;
  switch (block.type) {
    case 'paragraph':
      return html`<p>${lead}${renderInline(block.text)}</p>\n`;
    case 'subheading':
      // An empty subheading is a draft artefact; it has nothing to show.
      return block.text.trim() ? html`<h2>${block.text}</h2>\n` : null;
    case 'quote':
      return html`<blockquote class="quote"><p>${quoteMarks(language)[0]}${renderInline(block.text)}${quoteMarks(language)[1]}</p>${
        block.attribution && html`<footer>— <cite>${block.attribution}</cite></footer>`
      }</blockquote>\n`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInline(item)}</li>`);
      return block.style === 'numbered' ? html`<ol>${items}</ol>\n` : html`<ul>${items}</ul>\n`;
    }
    case 'image':
      if (!isHttpUrl(block.url)) return null;
      return html`<figure class="figure">${responsiveImg(block, { alt: block.alt, sizes: ARTICLE_IMAGE_SIZES, eager: place.eager })}${
        (block.caption || block.credit) &&
        html`<figcaption>${block.caption}${block.credit && html` <span class="credit">${block.credit}</span>`}</figcaption>`
      }</figure>\n`;
    case 'embed':
      if (!isHttpUrl(block.url)) return null;
      return html`<aside class="embed"><span class="embed-label" ${interfaceLanguage(options)}>${block.provider ? labelsOf(interfaceOf(options)).watchOn(block.provider) : labelsOf(interfaceOf(options)).externalContent}</span> <a href="${
        block.url
      }" rel="noopener">${block.title || block.url}</a></aside>\n`;
    case 'related':
      if (!isHttpUrl(block.url)) return null;
      return html`<aside class="related"><span class="related-label" ${interfaceLanguage(options)}>${labelsOf(interfaceOf(options)).related}</span> <a href="${block.url}" rel="noopener">${block.headline}</a>${
        block.teaser && html`<p>${block.teaser}</p>`
      }${block.publishedAt && relatedTime(new Date(block.publishedAt), options)}</aside>\n`;
  }
}

/** The interface's language (the site's), which the body's own labels are in: not the article's. */
function interfaceOf(options: BodyOptions): { language: string } {
  return { language: options.locale?.language ?? 'en' };
}

/** `lang` and `dir` of the interface's words inside an article that may be in another language. */
function interfaceLanguage(options: BodyOptions): SafeHtml {
  const { language: tag } = interfaceOf(options);
  return html`lang="${tag}" dir="${textDirection(tag)}"`;
}

function relatedTime(at: Date, options: BodyOptions): SafeHtml | null {
  if (Number.isNaN(at.getTime())) return null;
  const label = options.now ? formatRelativeTime(at, options.now, options.locale?.language) : formatShortDate(at, options.locale);
  // The time is in the interface's words, not the article's: its own language and direction.
  const language = options.locale?.language ?? 'en';
  // A paragraph of its own: after a teaser-less headline it would otherwise run on ("…arc7 minutes ago"), in feeds too.
  return html`<p class="related-time"><time datetime="${at.toISOString()}" lang="${language}" dir="${textDirection(language)}">${label}</time></p>`;
}
