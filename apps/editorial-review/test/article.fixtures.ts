import { ArticleContent, validatePlain } from '@newsroom/contracts';

/** A complete article that passes every editorial check. */
export function cleanArticle(): Record<string, unknown> {
  return {
    headline: 'Harbour council approves night-time crane ban',
    standfirst: 'Cranes at the container terminal must stop at 11pm from January, after two years of complaints.',
    dateline: { place: 'Harwick', date: '2025-11-21' },
    section: 'politics',
    tags: ['harbour', 'noise'],
    bylines: [{ name: 'Olena Kravets', id: 'alice' }],
    language: 'en',
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday. The [order](https://example.org/order) is online.' },
      { type: 'subheading', text: 'What happens next' },
      { type: 'paragraph', text: 'Operators have until January to adapt.' },
      { type: 'quote', text: 'We will adapt.', attribution: 'Port operator spokesperson' },
    ],
  };
}

/** Validates like the consumer does, so tests see the same class instances. */
export function article(overrides: Record<string, unknown> = {}): ArticleContent {
  const result = validatePlain(ArticleContent, { ...cleanArticle(), ...overrides });
  if (!result.ok) throw new Error(`invalid test article: ${JSON.stringify(result.issues)}`);
  return result.value;
}
