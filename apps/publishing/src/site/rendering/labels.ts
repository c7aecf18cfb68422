import { isHttpUrl, type ArticleContent, type ImageBlock } from '@newsroom/contracts';

export const SITE_NAME = 'Newsroom';

/** "climate-change" → "Climate change": section and tag slugs as readers see them. */
export function humanize(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The first image of the body, used as the article's picture in lists, feeds and link previews. */
export function leadImage(content: ArticleContent): ImageBlock | undefined {
  return content.body.find((block): block is ImageBlock => block.type === 'image' && isHttpUrl(block.url));
}

/** The words of the site's interface that are not an article's own. */
export interface InterfaceLabels {
  search: string;
  searchPlaceholder: string;
  searchResultsFor: (query: string) => string;
  searchResultCount: (count: number) => string;
  searchNothingFound: (query: string) => string;
  searchPrompt: string;
  newer: string;
  older: string;
  previousResults: string;
  moreResults: string;
  pageOf: (page: number, of: number) => string;
  tag: string;
  author: string;
  storiesBy: (name: string) => string;
  storiesTagged: (tag: string) => string;
}

export const ENGLISH_LABELS: InterfaceLabels = {
  search: 'Search',
  searchPlaceholder: 'Search stories',
  searchResultsFor: (query) => `Results for “${query}”`,
  searchResultCount: (count) => (count === 1 ? '1 story' : `${count} stories`),
  searchNothingFound: (query) => `No stories match “${query}”. Try other words, or fewer of them.`,
  searchPrompt: 'Search every story we have published.',
  newer: '← Newer stories',
  older: 'Older stories →',
  previousResults: '← Previous results',
  moreResults: 'More results →',
  pageOf: (page, of) => `Page ${page} of ${of}`,
  tag: 'Topic',
  author: 'Author',
  storiesBy: (name) => `Stories by ${name}`,
  storiesTagged: (tag) => `Stories about ${tag}`,
};
