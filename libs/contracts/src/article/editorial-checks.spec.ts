import { validatePlain } from '../validation';
import type { ArticleBlock } from './article-blocks';
import { ArticleContent } from './article-content';
import { blockingErrors, CHECK_CODES, HEADLINE_RECOMMENDED_MAX_LENGTH, runEditorialChecks, summarizeChecks, unsafeLinkChecks, type CheckedArticle } from './editorial-checks';
import { exampleArticle } from './example-article';

/** The example article with `overrides`, validated as every submitted article is. */
function article(overrides: Record<string, unknown> = {}): ArticleContent {
  const result = validatePlain(ArticleContent, { ...exampleArticle(), ...overrides });
  if (!result.ok) throw new Error(`invalid test article: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** The example article as a reporter may still be writing it: not valid yet, so not validated. */
function unfinished(overrides: Partial<CheckedArticle>): CheckedArticle {
  return { ...(exampleArticle() as unknown as CheckedArticle), ...overrides };
}

const codesOf = (overrides: Record<string, unknown>) => runEditorialChecks(article(overrides)).map((r) => r.code);

describe(runEditorialChecks.name, () => {
  it('finds nothing wrong with a complete article', () => {
    expect(runEditorialChecks(article())).toEqual([]);
    expect(runEditorialChecks(article(), { sections: ['politics', 'world'] })).toEqual([]);
  });

  describe('section', () => {
    const sections = ['politics', 'world', 'climate-change'];

    it('warns about a section outside the site’s managed list, naming the list', () => {
      const results = runEditorialChecks(article({ section: 'politcs' }), { sections });
      expect(results).toEqual([
        {
          code: CHECK_CODES.sectionUnknown,
          severity: 'warning',
          message: 'The section "politcs" is not in the site\'s section list (politics, world, climate-change); the story would not be reachable from the navigation',
          path: 'section',
        },
      ]);
      expect(blockingErrors(results)).toEqual([]);
    });

    it('asks for a section while none is chosen (a new story in the desk), rather than quoting an empty one', () => {
      // Not a valid article (a section is a slug): the desk checks the form's text as it is typed.
      expect(runEditorialChecks({ ...article(), section: '' }, { sections }).filter((result) => result.path === 'section')).toEqual([
        {
          code: CHECK_CODES.sectionUnknown,
          severity: 'warning',
          message: "No section is chosen yet: choose one of the site's (politics, world, climate-change); it decides where the story appears and who is alerted",
          path: 'section',
        },
      ]);
    });

    it('accepts a listed section, and checks nothing without a list', () => {
      expect(runEditorialChecks(article({ section: 'climate-change' }), { sections })).toEqual([]);
      expect(runEditorialChecks(article({ section: 'politcs' }))).toEqual([]);
      expect(runEditorialChecks(article({ section: 'politcs' }), { sections: [] })).toEqual([]);
    });
  });

  describe('standfirst', () => {
    it.each([
      ['absent', undefined],
      ['null', null],
      ['empty', ''],
      ['only whitespace (trimmed to empty)', '   '],
    ])('is a blocking error when %s', (_label, standfirst) => {
      const results = runEditorialChecks(article({ standfirst }));
      expect(results).toEqual([
        { code: CHECK_CODES.standfirstMissing, severity: 'error', message: expect.stringContaining('standfirst'), path: 'standfirst' },
      ]);
    });
  });

  describe('headline length', () => {
    it(`accepts exactly ${HEADLINE_RECOMMENDED_MAX_LENGTH} characters`, () => {
      expect(codesOf({ headline: 'h'.repeat(HEADLINE_RECOMMENDED_MAX_LENGTH) })).toEqual([]);
    });

    it('warns one character above the guideline, with the length in the message', () => {
      const results = runEditorialChecks(article({ headline: 'h'.repeat(HEADLINE_RECOMMENDED_MAX_LENGTH + 1) }));
      expect(results).toEqual([
        {
          code: CHECK_CODES.headlineTooLong,
          severity: 'warning',
          message: expect.stringContaining(`${HEADLINE_RECOMMENDED_MAX_LENGTH + 1} characters`),
          path: 'headline',
        },
      ]);
    });

    it('uses the guideline of about 110 characters', () => {
      expect(HEADLINE_RECOMMENDED_MAX_LENGTH).toBe(110);
    });
  });

  it('warns about a missing dateline', () => {
    expect(runEditorialChecks(article({ dateline: null }))).toEqual([
      { code: CHECK_CODES.datelineMissing, severity: 'warning', message: expect.any(String), path: 'dateline' },
    ]);
  });

  describe('credits a reader would see as empty', () => {
    it.each([
      ['a zero-width space', '\u200b'],
      ['a right-to-left mark and a space', '\u200f '],
      ['a word joiner', '\u2060'],
    ])('stop approval at a dateline whose place is only %s', (_label, place) => {
      expect(runEditorialChecks(article({ dateline: { place, date: '2025-11-21' } }))).toEqual([
        { code: CHECK_CODES.datelinePlaceBlank, severity: 'error', message: expect.stringContaining('no place'), path: 'dateline.place' },
      ]);
    });

    it('stop approval at each byline whose name is only invisible characters, naming it by its place', () => {
      const results = runEditorialChecks(article({ bylines: [{ name: 'Olena Kravets' }, { name: '\u200b\u200d' }, { name: '\u3164' }] }));

      expect(results).toEqual([
        { code: CHECK_CODES.bylineNameBlank, severity: 'error', message: 'Byline 2 shows no name (only spaces or invisible characters)', path: 'bylines.1.name' },
        { code: CHECK_CODES.bylineNameBlank, severity: 'error', message: 'Byline 3 shows no name (only spaces or invisible characters)', path: 'bylines.2.name' },
      ]);
    });

    it('pass a place and names in any script, with the marks that belong in them', () => {
      const results = runEditorialChecks(article({ dateline: { place: '\u200fתל אביב', date: '2025-11-21' }, bylines: [{ name: 'Ли Вэй' }, { name: '👩\u200d💻 Desk' }] }));

      expect(results).toEqual([]);
    });
  });

  describe('quotes', () => {
    it.each([
      ['absent', undefined],
      ['empty', ''],
      ['blank', '  '],
    ])('need an attribution (%s is a blocking error at the quote)', (_label, attribution) => {
      const body = [
        { type: 'paragraph', text: 'Intro.' },
        { type: 'quote', text: 'Words.', ...(attribution === undefined ? {} : { attribution }) },
      ];
      expect(runEditorialChecks(article({ body }))).toEqual([
        { code: CHECK_CODES.quoteWithoutAttribution, severity: 'error', message: expect.stringContaining('block 2'), path: 'body.1.attribution' },
      ]);
    });

    it('reports every unattributed quote', () => {
      const body = [
        { type: 'quote', text: 'One.' },
        { type: 'quote', text: 'Two.', attribution: 'Someone' },
        { type: 'quote', text: 'Three.' },
      ];
      expect(runEditorialChecks(article({ body })).map((r) => r.path)).toEqual(['body.0.attribution', 'body.2.attribution']);
    });
  });

  describe('subheading sections', () => {
    const paragraph = { type: 'paragraph', text: 'Text.' };

    it('accepts a subheading followed by content', () => {
      expect(codesOf({ body: [paragraph, { type: 'subheading', text: 'Next' }, paragraph] })).toEqual([]);
    });

    it('accepts any non-subheading block as section content', () => {
      const image = { type: 'image', url: 'https://img.example.org/a.jpg', alt: 'A crane' };
      expect(codesOf({ body: [{ type: 'subheading', text: 'Pictures' }, image] })).toEqual([]);
    });

    it('warns about a subheading with empty text', () => {
      const results = runEditorialChecks(article({ body: [paragraph, { type: 'subheading', text: '' }, paragraph] }));
      expect(results).toEqual([
        { code: CHECK_CODES.emptySubheadingSection, severity: 'warning', message: expect.stringContaining('has no text'), path: 'body.1.text' },
      ]);
    });

    it('warns about a subheading followed directly by another subheading', () => {
      const body = [paragraph, { type: 'subheading', text: 'First' }, { type: 'subheading', text: 'Second' }, paragraph];
      expect(runEditorialChecks(article({ body }))).toEqual([
        {
          code: CHECK_CODES.emptySubheadingSection,
          severity: 'warning',
          message: 'The subheading "First" (block 2) is followed directly by another subheading',
          path: 'body.1',
        },
      ]);
    });

    it('warns about a subheading that ends the body', () => {
      const results = runEditorialChecks(article({ body: [paragraph, { type: 'subheading', text: 'Dangling' }] }));
      expect(results).toEqual([
        { code: CHECK_CODES.emptySubheadingSection, severity: 'warning', message: expect.stringContaining('ends the article'), path: 'body.1' },
      ]);
    });

    it('reports an empty subheading with nothing under it once', () => {
      const results = runEditorialChecks(article({ body: [paragraph, { type: 'subheading', text: ' ' }] }));
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ path: 'body.1.text', message: expect.stringContaining('no text and no content') });
    });

    it('warns about a body that is a single subheading', () => {
      expect(codesOf({ body: [{ type: 'subheading', text: 'Only' }] })).toEqual([CHECK_CODES.emptySubheadingSection]);
    });
  });

  describe('inline links', () => {
    const withText = (type: 'paragraph' | 'quote', text: string) =>
      runEditorialChecks(article({ body: [{ type, text, ...(type === 'quote' ? { attribution: 'Someone' } : {}) }] }));

    it.each(['https://example.org/a', 'http://example.org/a?b=c#d', 'HTTPS://EXAMPLE.ORG/'])('accepts %s', (href) => {
      expect(withText('paragraph', `See [this](${href}).`)).toEqual([]);
    });

    it.each([
      'javascript:alert(1)',
      'data:text/html,hi',
      'mailto:desk@example.org',
      '/relative/path',
      'example.org/no-scheme',
      'ftp://example.org/file',
      'https://user:secret@example.org/',
    ])('flags %s as a blocking error', (href) => {
      const results = withText('paragraph', `See [this](${href}).`);
      expect(results).toEqual([{ code: CHECK_CODES.unsafeLink, severity: 'error', message: expect.stringContaining(href), path: 'body.0.text' }]);
    });

    it('checks links inside quotes too', () => {
      expect(withText('quote', 'As [announced](javascript:void(0)) today.').map((r) => r.code)).toEqual([CHECK_CODES.unsafeLink]);
    });

    it('checks every item of a list, and says which item', () => {
      const results = runEditorialChecks(
        article({ body: [{ type: 'list', style: 'numbered', items: ['[fine](https://example.org/a)', 'plain', 'See [this](javascript:alert(1)).'] }] }),
      );
      expect(results).toEqual([{ code: CHECK_CODES.unsafeLink, severity: 'error', message: expect.stringContaining('javascript:alert(1)'), path: 'body.0.items.2' }]);
      expect(unsafeLinkChecks(article({ body: [{ type: 'list', style: 'bulleted', items: ['[a](data:text/html,x)'] }] }).body).map((r) => r.path)).toEqual(['body.0.items.0']);
    });

    it('finds links nested in bold and italic, one result per bad link', () => {
      const results = withText('paragraph', '**Read [a](javascript:a)** and _[b](vbscript:b)_ and [c](https://ok.example.org).');
      expect(results.map((r) => r.message)).toEqual([expect.stringContaining('javascript:a'), expect.stringContaining('vbscript:b')]);
    });

    it('ignores text that only looks like a link', () => {
      expect(withText('paragraph', 'Escaped \\[x](javascript:alert(1)) and bare javascript:alert(1).')).toEqual([]);
    });

    it('shortens very long targets in the message', () => {
      const [result] = withText('paragraph', `[x](javascript:${'a'.repeat(500)})`);
      expect(result.message.length).toBeLessThan(250);
    });
  });

  describe('completeness of text still being written', () => {
    it.each([
      ['empty', ''],
      ['blank', '  '],
    ])('holds back a headline that is %s', (_label, headline) => {
      expect(runEditorialChecks(unfinished({ headline }))).toEqual([
        { code: CHECK_CODES.headlineMissing, severity: 'error', message: 'The article has no headline', path: 'headline' },
      ]);
    });

    it('holds back a story without a single block', () => {
      expect(runEditorialChecks(unfinished({ body: [] }))).toEqual([
        { code: CHECK_CODES.bodyEmpty, severity: 'error', message: expect.stringContaining('no text'), path: 'body' },
      ]);
    });

    it.each([
      ['empty', ''],
      ['blank', ' '],
    ])('holds back an image whose alt text is %s, at the image', (_label, alt) => {
      const body = [
        { type: 'paragraph', text: 'Intro.' },
        { type: 'image', url: 'https://img.example.org/a.jpg', alt },
      ] as ArticleBlock[];
      expect(runEditorialChecks(unfinished({ body }))).toEqual([
        { code: CHECK_CODES.imageAltMissing, severity: 'error', message: expect.stringContaining('block 2'), path: 'body.1.alt' },
      ]);
    });

    it('finds none of these in a valid article: the article format already requires them', () => {
      expect(() => article({ headline: ' ' })).toThrow(/headline/);
      expect(() => article({ body: [] })).toThrow(/body/);
      expect(() => article({ body: [{ type: 'image', url: 'https://img.example.org/a.jpg', alt: ' ' }] })).toThrow(/alt/);
    });

    it('checks an unfinished story like a submitted one, in article order', () => {
      const body = [
        { type: 'paragraph', text: 'See [this](javascript:alert(1)).' },
        { type: 'quote', text: 'Unsourced.' },
        { type: 'image', url: 'https://img.example.org/a.jpg', alt: '' },
      ] as ArticleBlock[];
      const results = runEditorialChecks(unfinished({ headline: '', standfirst: undefined, body }), { sections: ['politics', 'world'] });
      expect(blockingErrors(results).map((r) => r.code)).toEqual([
        CHECK_CODES.headlineMissing,
        CHECK_CODES.standfirstMissing,
        CHECK_CODES.unsafeLink,
        CHECK_CODES.quoteWithoutAttribution,
        CHECK_CODES.imageAltMissing,
      ]);
    });

    it('warns about an unknown section, a missing dateline and a subheading with nothing under it, in that order', () => {
      const body = [
        { type: 'paragraph', text: 'Text.' },
        { type: 'subheading', text: 'Dangling' },
      ] as ArticleBlock[];
      const results = runEditorialChecks(unfinished({ section: 'sport', dateline: undefined, body }), { sections: ['politics', 'world'] });
      expect(results.map((r) => [r.severity, r.code])).toEqual([
        ['warning', CHECK_CODES.datelineMissing],
        ['warning', CHECK_CODES.sectionUnknown],
        ['warning', CHECK_CODES.emptySubheadingSection],
      ]);
    });
  });

  it('lists fields first, then body problems in block order', () => {
    const results = runEditorialChecks(
      article({
        headline: 'x'.repeat(200),
        standfirst: undefined,
        dateline: undefined,
        body: [{ type: 'quote', text: 'Q' }, { type: 'paragraph', text: '[l](ftp://x)' }, { type: 'subheading', text: 'End' }],
      }),
    );
    expect(results.map((r) => r.path)).toEqual(['headline', 'standfirst', 'dateline', 'body.0.attribution', 'body.1.text', 'body.2']);
  });
});

describe(summarizeChecks.name, () => {
  it('counts errors and warnings', () => {
    const results = runEditorialChecks(article({ standfirst: undefined, dateline: undefined, headline: 'h'.repeat(111) }));
    expect(summarizeChecks(results)).toEqual({ errors: 1, warnings: 2 });
    expect(blockingErrors(results).map((r) => r.code)).toEqual([CHECK_CODES.standfirstMissing]);
  });
});
