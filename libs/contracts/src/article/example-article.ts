import type { ArticleContent } from './article-content';

/**
 * The newsroom's example article: complete, with one block of every type, as a
 * client sends it (plain JSON). It shows the format in the API docs, and specs
 * and fixtures start from it and change only what they are about.
 */
const EXAMPLE_ARTICLE = {
  headline: 'Harbour council approves night-time crane ban',
  standfirst: 'Residents won a two-year fight over noise; the port says costs will rise.',
  dateline: { place: 'Gdańsk', date: '2025-11-21' },
  section: 'politics',
  tags: ['ports', 'noise-pollution'],
  bylines: [{ name: 'Olena Kravets', id: 'user-42' }, { name: 'Tom Reyes' }],
  language: 'en',
  body: [
    { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday.' },
    { type: 'subheading', text: 'What changes' },
    { type: 'quote', text: 'We can finally sleep.', attribution: 'A resident of Nowy Port' },
    { type: 'image', url: 'https://images.example.org/cranes.jpg', alt: 'Cranes at dusk', caption: 'The eastern quay.', credit: 'Port archive' },
    { type: 'embed', url: 'https://video.example.org/watch/4821', provider: 'ExampleVideo', title: 'The vote' },
    { type: 'related', url: 'https://example.org/news/port-expansion', headline: 'Port expansion approved', teaser: 'Earlier this year.', publishedAt: '2025-11-20T17:05:00Z' },
    { type: 'list', style: 'bulleted', items: ['Cranes stop at **10pm** and start again at 6am.', 'Ships already berthed may finish unloading.'] },
  ],
} satisfies ArticleContent;

/**
 * A fresh copy of the example article (plain JSON, not yet validated: pass it
 * through `validatePlain(ArticleContent, …)` for class instances). Callers may
 * change the copy freely.
 */
export function exampleArticle(): Record<string, unknown> {
  return structuredClone(EXAMPLE_ARTICLE);
}
