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
