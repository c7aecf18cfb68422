import { ArticleContent, exampleArticle, validatePlain } from '@newsroom/contracts';

/**
 * The example article by alice, with a body that passes every editorial check
 * (and that the revisions below change block by block).
 */
export function cleanArticle(): Record<string, unknown> {
  return {
    ...exampleArticle(),
    dateline: { place: 'Harwick', date: '2025-11-21' },
    tags: ['harbour', 'noise'],
    bylines: [{ name: 'Olena Kravets', id: 'alice' }],
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

/**
 * A first draft that breaks two blocking rules (a javascript: link in block 1,
 * an unattributed quote in block 4) and draws one warning (no dateline).
 */
export function articleWithBlockingErrors(): ArticleContent {
  return article({
    dateline: undefined,
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday. See [the memo](javascript:alert(1)).' },
      { type: 'subheading', text: 'What happens next' },
      { type: 'paragraph', text: 'Operators have until January to adapt.' },
      { type: 'quote', text: 'We will adapt.' },
    ],
  });
}

/**
 * The revision that fixes `articleWithBlockingErrors()`: it adds the dateline,
 * and changes the headline, the tags and blocks 1, 3 and 4 (so a diff against
 * it has three changed blocks).
 */
export function revisedArticle(): ArticleContent {
  return article({
    headline: 'Harbour council approves overnight crane ban',
    tags: ['harbour', 'port'],
    body: [
      { type: 'paragraph', text: 'The council voted **7 to 2** on Thursday. See [the memo](https://example.org/memo).' },
      { type: 'subheading', text: 'What happens next' },
      { type: 'paragraph', text: 'Operators have until March to adapt.' },
      { type: 'quote', text: 'We will adapt.', attribution: 'Port operator spokesperson' },
    ],
  });
}

/**
 * `count` paragraphs of about `chars` characters each, of plain words drawn
 * from `seed`: two seeds give texts that differ almost everywhere, the worst
 * case for a word diff.
 */
export function proseParagraphs(count: number, chars: number, seed: number): { type: 'paragraph'; text: string }[] {
  let state = seed;
  const word = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return `w${state % 4_999}`;
  };
  return Array.from({ length: count }, () => {
    const words: string[] = [];
    for (let length = 0; length < chars - 8; length += words[words.length - 1].length + 1) words.push(word());
    return { type: 'paragraph' as const, text: `${words.join(' ')}.` };
  });
}
