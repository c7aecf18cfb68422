import { textDirection } from '@newsroom/contracts';
import { articlePath, sectionPath } from '../../articles/domain/public-urls';
import type { PublicArticle } from '../../articles/use-cases/read-articles/public-article';
import { html, type SafeHtml } from '@newsroom/html';
import { joinNames, leadImage } from './labels';
import { articleDescription } from './article-metadata';
import { chromeOf } from './chrome';
import { labelsOf, sectionLabel, type SiteContext } from './layout';
import { responsiveImg } from './images';
import { formatRelativeTime } from './time-format';

/** How wide a card's picture is drawn (the grid's columns above 860 px, the full width below). */
const CARD_IMAGE_SIZES: Record<CardSize, string> = {
  lead: '(min-width: 861px) 60vw, 100vw',
  standard: '(min-width: 861px) 30vw, 100vw',
  compact: '(min-width: 861px) 20vw, 100vw',
};

export type CardSize = 'lead' | 'standard' | 'compact';

/** A teaser for one article in a list: section, headline, standfirst, byline and age. */
export function storyCard(article: PublicArticle, site: SiteContext, size: CardSize = 'standard', options: { showSection?: boolean } = {}): SafeHtml {
  const { content } = article;
  const labels = labelsOf(site);
  const image = leadImage(content);
  const href = articlePath(article.slug);
  const breaking = article.priority === 'breaking';
  // The kicker and the meta line are interface chrome: its language and direction, not the story's.
  const chrome = chromeOf(site);
  const heading = size === 'lead' ? html`<h2 class="card-headline"><a href="${href}">${content.headline}</a></h2>` : html`<h3 class="card-headline"><a href="${href}">${content.headline}</a></h3>`;
  return html`<article class="card card-${size}${breaking ? ' card-breaking' : ''}" lang="${content.language}" dir="${textDirection(content.language)}">
${image && html`<a class="card-image" href="${href}" tabindex="-1" aria-hidden="true">${responsiveImg(image, { alt: '', sizes: CARD_IMAGE_SIZES[size], eager: size === 'lead' })}</a>`}
<div class="card-text">
<p class="kicker"${chrome.attrs}>${breaking && html`<span class="badge">${labels.breaking}</span> `}${
    options.showSection !== false && html`<a href="${sectionPath(content.section)}">${sectionLabel(site, content.section)}</a>`
  }</p>
${heading}
${size !== 'compact' && html`<p class="card-standfirst">${articleDescription(article)}</p>`}
<p class="card-meta"${chrome.attrs}>${size !== 'compact' && html`<span class="card-byline">${chrome.value(joinNames(content.bylines.map((b) => b.name), labels.and), content.language)}</span> `}<time datetime="${article.publishedAt.toISOString()}">${formatRelativeTime(article.publishedAt, site.now, site.language)}</time></p>
</div>
</article>`;
}
