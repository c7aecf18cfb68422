import 'reflect-metadata';
import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { validatePlain, type ValidationIssue } from '../validation';
import { EmbedBlock, ImageBlock, ListBlock, ParagraphBlock, QuoteBlock, RelatedArticleBlock, SubheadingBlock } from './article-blocks';
import { ArticleContent, Byline, Dateline } from './article-content';
import { exampleArticle } from './example-article';
import { ARTICLE_LIMITS, BLOCK_TYPES } from './article-limits';

/** An edit's request: every field optional, as the drafting service's PATCH takes it. */
class PartialArticle extends PartialType(ArticleContent) {}

type Plain = Record<string, unknown>;

function withBlock(index: number, patch: Plain): Plain {
  const article = exampleArticle();
  const body = article.body as Plain[];
  body[index] = { ...body[index], ...patch };
  return article;
}

function issuesOf(plain: unknown): ValidationIssue[] {
  const result = validatePlain(ArticleContent, plain);
  if (result.ok) throw new Error('expected the article to be rejected');
  return result.issues;
}

function pathsOf(plain: unknown): string[] {
  return issuesOf(plain).map((issue) => issue.path);
}

describe(ArticleContent.name, () => {
  describe('a valid article', () => {
    it('is what the example article is: complete, with one block of every type', () => {
      expect(((exampleArticle().body as Plain[]).map((block) => block.type) as string[]).sort()).toEqual([...BLOCK_TYPES].sort());
      expect(validatePlain(ArticleContent, exampleArticle()).ok).toBe(true);
    });

    it('is accepted and keeps its content', () => {
      const result = validatePlain(ArticleContent, exampleArticle());

      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(result.value).toBeInstanceOf(ArticleContent);
      expect(result.value.dateline).toBeInstanceOf(Dateline);
      expect(result.value.bylines[0]).toBeInstanceOf(Byline);
      expect(JSON.parse(JSON.stringify(result.value))).toEqual(exampleArticle());
    });

    it('turns every body element into an instance of its block class', () => {
      const result = validatePlain(ArticleContent, exampleArticle());

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      const classes = [ParagraphBlock, SubheadingBlock, QuoteBlock, ImageBlock, EmbedBlock, RelatedArticleBlock, ListBlock];
      result.value.body.forEach((block, index) => expect(block).toBeInstanceOf(classes[index]));
      // one block of every type
      expect(result.value.body.map((block) => block.type).sort()).toEqual([...BLOCK_TYPES].sort());
    });

    it('needs only the required fields', () => {
      const minimal = {
        headline: 'Short',
        section: 'world',
        bylines: [{ name: 'Desk' }],
        language: 'en-GB',
        body: [{ type: 'paragraph', text: 'One line.' }],
      };

      const result = validatePlain(ArticleContent, minimal);

      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value.tags).toEqual([]);
    });

    it('treats null optional fields as absent and null tags as none', () => {
      const article: Plain = { ...exampleArticle(), standfirst: null, dateline: null, tags: null };
      (article.body as Plain[])[2] = { type: 'quote', text: 'Yes.', attribution: null };

      const result = validatePlain(ArticleContent, article);

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.standfirst).toBeUndefined();
      expect(result.value.dateline).toBeUndefined();
      expect(result.value.tags).toEqual([]);
      expect((result.value.body[2] as QuoteBlock).attribution).toBeUndefined();
      expect(JSON.stringify(result.value)).not.toContain('null');
    });

    it('trims single-line fields', () => {
      const article = { ...exampleArticle(), headline: '  Cranes fall silent \n', dateline: { place: ' Gdańsk ', date: '2025-11-21' } };

      const result = validatePlain(ArticleContent, article);

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.headline).toBe('Cranes fall silent');
      expect(result.value.dateline?.place).toBe('Gdańsk');
    });

    it('folds line breaks into spaces in every field a reader sees on one line', () => {
      const article: Plain = {
        ...exampleArticle(),
        headline: 'Cranes fall\r\n silent',
        dateline: { place: 'Gdańsk\u2028Poland', date: '2025-11-21' },
        bylines: [{ name: 'Olena\nKravets' }],
      };
      const body = article.body as Plain[];
      body[1] = { ...body[1], text: 'What\nhappens next' };
      body[2] = { ...body[2], attribution: 'Harbour\nmaster' };
      body[3] = { ...body[3], alt: 'A crane\n\nat night', credit: 'Port\nPhotos' };
      body[4] = { ...body[4], provider: 'Video\nHost', title: 'The night\nshift' };
      body[5] = { ...body[5], headline: 'Harbour\u2029plan' };

      const result = validatePlain(ArticleContent, article);

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      const value = JSON.parse(JSON.stringify(result.value)) as Plain;
      expect(value).toMatchObject({
        headline: 'Cranes fall silent',
        dateline: { place: 'Gdańsk Poland' },
        bylines: [{ name: 'Olena Kravets' }],
        body: [
          {},
          { text: 'What happens next' },
          { attribution: 'Harbour master' },
          { alt: 'A crane at night', credit: 'Port Photos' },
          { provider: 'Video Host', title: 'The night shift' },
          { headline: 'Harbour plan' },
          {},
        ],
      });
      expect(JSON.stringify(value)).not.toMatch(/\\[rn]|\u2028|\u2029/);
    });

    it('closes a direction override left open in a one-line field, and drops a stray isolate closer', () => {
      const article: Plain = { ...exampleArticle(), headline: 'Harbour \u202Eevol', bylines: [{ name: 'Layla\u2069 Haddad' }] };

      const result = validatePlain(ArticleContent, article);

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.headline).toBe('Harbour \u202Eevol\u202C');
      expect(result.value.bylines[0].name).toBe('Layla Haddad');
    });

    it('balances the direction controls of each tag label, which are listed beside each other', () => {
      const result = validatePlain(ArticleContent, { ...exampleArticle(), tags: ['harbour', 'kiyiv'], tagLabels: { harbour: 'Harbour\u202E', kiyiv: 'Київ' } });

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.tagLabels).toEqual({ harbour: 'Harbour\u202E\u202C', kiyiv: 'Київ' });
    });

    it('keeps line breaks in prose: the standfirst, a caption, a teaser and the paragraphs', () => {
      const article: Plain = { ...exampleArticle(), standfirst: 'First line.\nSecond line.' };
      const body = article.body as Plain[];
      body[3] = { ...body[3], caption: 'Left:\nthe crane.' };
      body[5] = { ...body[5], teaser: 'Why\nnow.' };

      const result = validatePlain(ArticleContent, article);

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.standfirst).toBe('First line.\nSecond line.');
      expect((result.value.body[3] as ImageBlock).caption).toBe('Left:\nthe crane.');
      expect((result.value.body[5] as RelatedArticleBlock).teaser).toBe('Why\nnow.');
    });

    it('measures a headline after folding: one at the limit with a CRLF inside is accepted as it is stored', () => {
      const half = 'h'.repeat(ARTICLE_LIMITS.headline.maxLength / 2);
      const result = validatePlain(ArticleContent, { ...exampleArticle(), headline: `${half}\r\n${half.slice(1)}` });

      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.value.headline).toHaveLength(ARTICLE_LIMITS.headline.maxLength);
    });

    it('refuses a headline made only of line breaks as blank, the same as one made of spaces', () => {
      expect(pathsOf({ ...exampleArticle(), headline: '\n\u2028\r\n' })).toContain('headline');
    });

    it('accepts an empty subheading and a quote without attribution, which the editorial checks flag', () => {
      const article = withBlock(1, { text: '' });
      (article.body as Plain[])[2] = { type: 'quote', text: 'Unattributed words.' };

      expect(validatePlain(ArticleContent, article).ok).toBe(true);
    });

    it('accepts values exactly at the limits', () => {
      const article = {
        ...exampleArticle(),
        headline: 'h'.repeat(ARTICLE_LIMITS.headline.maxLength),
        tags: Array.from({ length: ARTICLE_LIMITS.tags.maxItems }, (_, i) => `tag-${i}`),
        body: Array.from({ length: ARTICLE_LIMITS.body.maxItems }, () => ({ type: 'paragraph', text: 'p'.repeat(100) })),
      };

      expect(validatePlain(ArticleContent, article).ok).toBe(true);
    });
  });

  describe('field violations', () => {
    const cases: Array<{ name: string; build: () => unknown; path: string | string[] }> = [
      { name: 'missing headline', build: () => ({ ...exampleArticle(), headline: undefined }), path: 'headline' },
      { name: 'blank headline', build: () => ({ ...exampleArticle(), headline: '   ' }), path: 'headline' },
      { name: 'headline over 300', build: () => ({ ...exampleArticle(), headline: 'h'.repeat(301) }), path: 'headline' },
      { name: 'headline not a string', build: () => ({ ...exampleArticle(), headline: 42 }), path: 'headline' },
      { name: 'standfirst over 600', build: () => ({ ...exampleArticle(), standfirst: 's'.repeat(601) }), path: 'standfirst' },
      { name: 'dateline without place', build: () => ({ ...exampleArticle(), dateline: { date: '2025-11-21' } }), path: 'dateline.place' },
      { name: 'dateline place over 100', build: () => ({ ...exampleArticle(), dateline: { place: 'p'.repeat(101), date: '2025-11-21' } }), path: 'dateline.place' },
      { name: 'dateline date not a real day', build: () => ({ ...exampleArticle(), dateline: { place: 'Kyiv', date: '2025-02-30' } }), path: 'dateline.date' },
      { name: 'dateline date in another format', build: () => ({ ...exampleArticle(), dateline: { place: 'Kyiv', date: '21/11/2025' } }), path: 'dateline.date' },
      { name: 'dateline date with a time', build: () => ({ ...exampleArticle(), dateline: { place: 'Kyiv', date: '2025-11-21T10:00:00Z' } }), path: 'dateline.date' },
      { name: 'dateline as an array', build: () => ({ ...exampleArticle(), dateline: [{ place: 'Kyiv', date: '2025-11-21' }] }), path: 'dateline' },
      { name: 'missing section', build: () => ({ ...exampleArticle(), section: undefined }), path: 'section' },
      { name: 'section with capitals', build: () => ({ ...exampleArticle(), section: 'Politics' }), path: 'section' },
      { name: 'section with a double hyphen', build: () => ({ ...exampleArticle(), section: 'world--news' }), path: 'section' },
      { name: 'section over 40', build: () => ({ ...exampleArticle(), section: 'a'.repeat(41) }), path: 'section' },
      { name: 'too many tags', build: () => ({ ...exampleArticle(), tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), path: 'tags' },
      { name: 'duplicate tags', build: () => ({ ...exampleArticle(), tags: ['ports', 'ports'] }), path: 'tags' },
      { name: 'tag that is not a slug', build: () => ({ ...exampleArticle(), tags: ['Port Noise'] }), path: 'tags.0' },
      { name: 'second tag with no letters or digits', build: () => ({ ...exampleArticle(), tags: ['ports', '🎉'] }), path: 'tags.1' },
      { name: 'third tag over 40', build: () => ({ ...exampleArticle(), tags: ['ports', 'noise', 'a'.repeat(41)] }), path: 'tags.2' },
      { name: 'tag that is not text', build: () => ({ ...exampleArticle(), tags: ['ports', 7] }), path: 'tags.1' },
      { name: 'tags not an array', build: () => ({ ...exampleArticle(), tags: 'ports' }), path: 'tags' },
      { name: 'tag labels as a list', build: () => ({ ...exampleArticle(), tagLabels: ['Ports'] }), path: 'tagLabels' },
      { name: 'a label for a tag the article does not have', build: () => ({ ...exampleArticle(), tagLabels: { gdynia: 'Gdynia' } }), path: 'tagLabels' },
      { name: 'a label that spells another tag', build: () => ({ ...exampleArticle(), tagLabels: { ports: 'Harbours' } }), path: 'tagLabels' },
      { name: 'a label over 60', build: () => ({ ...exampleArticle(), tags: ['ports'], tagLabels: { ports: `Ports${'!'.repeat(56)}` } }), path: 'tagLabels' },
      { name: 'a label on two lines', build: () => ({ ...exampleArticle(), tags: ['noise-pollution'], tagLabels: { 'noise-pollution': 'Noise\npollution' } }), path: 'tagLabels' },
      { name: 'missing bylines', build: () => ({ ...exampleArticle(), bylines: undefined }), path: 'bylines' },
      { name: 'no bylines', build: () => ({ ...exampleArticle(), bylines: [] }), path: 'bylines' },
      { name: 'eleven bylines', build: () => ({ ...exampleArticle(), bylines: Array.from({ length: 11 }, (_, i) => ({ name: `Writer ${i}` })) }), path: 'bylines' },
      { name: 'byline as a string', build: () => ({ ...exampleArticle(), bylines: ['Olena Kravets'] }), path: 'bylines' },
      { name: 'byline as a nested array', build: () => ({ ...exampleArticle(), bylines: [[{ name: 'Olena Kravets' }]] }), path: 'bylines' },
      { name: 'blank byline name', build: () => ({ ...exampleArticle(), bylines: [{ name: ' ' }] }), path: 'bylines.0.name' },
      { name: 'byline id over 100', build: () => ({ ...exampleArticle(), bylines: [{ name: 'A', id: 'i'.repeat(101) }] }), path: 'bylines.0.id' },
      { name: 'missing language', build: () => ({ ...exampleArticle(), language: undefined }), path: 'language' },
      { name: 'language as a name', build: () => ({ ...exampleArticle(), language: 'english' }), path: 'language' },
      { name: 'language with a lowercase region', build: () => ({ ...exampleArticle(), language: 'en-gb' }), path: 'language' },
      { name: 'missing body', build: () => ({ ...exampleArticle(), body: undefined }), path: 'body' },
      { name: 'empty body', build: () => ({ ...exampleArticle(), body: [] }), path: 'body' },
      { name: 'body not an array', build: () => ({ ...exampleArticle(), body: { type: 'paragraph', text: 'x' } }), path: 'body' },
      { name: 'body over 500 blocks', build: () => ({ ...exampleArticle(), body: Array.from({ length: 501 }, () => ({ type: 'paragraph', text: 'x' })) }), path: 'body' },
      { name: 'empty paragraph', build: () => withBlock(0, { text: '' }), path: 'body.0.text' },
      { name: 'blank paragraph', build: () => withBlock(0, { text: ' \n ' }), path: 'body.0.text' },
      { name: 'paragraph over 10000', build: () => withBlock(0, { text: 'p'.repeat(10_001) }), path: 'body.0.text' },
      { name: 'paragraph text not a string', build: () => withBlock(0, { text: ['a'] }), path: 'body.0.text' },
      { name: 'subheading over 300', build: () => withBlock(1, { text: 's'.repeat(301) }), path: 'body.1.text' },
      { name: 'subheading without text', build: () => withBlock(1, { text: undefined }), path: 'body.1.text' },
      { name: 'quote over 2000', build: () => withBlock(2, { text: 'q'.repeat(2001) }), path: 'body.2.text' },
      { name: 'image without alt', build: () => withBlock(3, { alt: undefined }), path: 'body.3.alt' },
      { name: 'image caption over 1000', build: () => withBlock(3, { caption: 'c'.repeat(1001) }), path: 'body.3.caption' },
      { name: 'image credit over 200', build: () => withBlock(3, { credit: 'c'.repeat(201) }), path: 'body.3.credit' },
      { name: 'image without url', build: () => withBlock(3, { url: undefined }), path: 'body.3.url' },
      { name: 'embed provider over 50', build: () => withBlock(4, { provider: 'p'.repeat(51) }), path: 'body.4.provider' },
      { name: 'embed title over 300', build: () => withBlock(4, { title: 't'.repeat(301) }), path: 'body.4.title' },
      { name: 'related without headline', build: () => withBlock(5, { headline: undefined }), path: 'body.5.headline' },
      { name: 'related teaser over 600', build: () => withBlock(5, { teaser: 't'.repeat(601) }), path: 'body.5.teaser' },
      { name: 'related publishedAt in words', build: () => withBlock(5, { publishedAt: 'yesterday' }), path: 'body.5.publishedAt' },
      { name: 'related publishedAt without a zone', build: () => withBlock(5, { publishedAt: '2025-11-20T17:05:00' }), path: 'body.5.publishedAt' },
      { name: 'related publishedAt as a bare date', build: () => withBlock(5, { publishedAt: '2025-11-20' }), path: 'body.5.publishedAt' },
      { name: 'related publishedAt at hour 24', build: () => withBlock(5, { publishedAt: '2025-11-20T24:00:00Z' }), path: 'body.5.publishedAt' },
      { name: 'list without a style', build: () => withBlock(6, { style: undefined }), path: 'body.6.style' },
      { name: 'list of an unknown style', build: () => withBlock(6, { style: 'checklist' }), path: 'body.6.style' },
      { name: 'list without items', build: () => withBlock(6, { items: [] }), path: 'body.6.items' },
      { name: 'list items not an array', build: () => withBlock(6, { items: 'Cranes stop at 10pm.' }), path: 'body.6.items' },
      { name: 'list over 100 items', build: () => withBlock(6, { items: Array.from({ length: 101 }, (_, i) => `Item ${i}`) }), path: 'body.6.items' },
      { name: 'list item over 2000', build: () => withBlock(6, { items: ['fine', 'i'.repeat(2001)] }), path: 'body.6.items' },
      { name: 'blank list item', build: () => withBlock(6, { items: ['fine', ' \u200b '] }), path: 'body.6.items' },
      { name: 'list item not a string', build: () => withBlock(6, { items: ['fine', { text: 'nested' }] }), path: 'body.6.items' },
      { name: 'list inside a list', build: () => withBlock(6, { items: ['fine', ['nested']] }), path: 'body.6.items' },
    ];

    it('names the list item it refuses, by its number', () => {
      const items = ['fine', 'i'.repeat(2001), ' \u200b '];
      const withItems = (list: unknown[]) => ({ ...exampleArticle(), body: [{ type: 'list', style: 'bulleted', items: list }] });
      expect(issuesOf(withItems(items))).toEqual([{ path: 'body.0.items', message: 'body.0.items must hold items of at most 2000 characters; item 2 has 2001' }]);
      expect(issuesOf(withItems(['fine', ' \u200b '])).map((issue) => issue.message)).toEqual([
        'body.0.items must hold visible text in every item; item 2 is only spaces or invisible characters',
      ]);
      expect(issuesOf(withItems(['fine', ['nested']])).map((issue) => issue.message)).toEqual([
        'body.0.items must hold text in every item (a list inside a list is not kept); item 2 is not text',
      ]);
    });

    it.each(cases)('$name is reported at $path', ({ build, path }) => {
      const paths = pathsOf(build());

      expect(paths.length).toBeGreaterThan(0);
      expect(new Set(paths)).toEqual(new Set(Array.isArray(path) ? path : [path]));
    });

    it('qualifies the message with the full path', () => {
      const issues = issuesOf(withBlock(2, { attribution: 'a'.repeat(201) }));

      expect(issues).toEqual([{ path: 'body.2.attribution', message: 'body.2.attribution must be shorter than or equal to 200 characters' }]);
    });

    it('reports the body size with one clear message', () => {
      expect(issuesOf({ ...exampleArticle(), body: [] })).toEqual([{ path: 'body', message: 'body must contain at least 1 block' }]);
      expect(issuesOf({ ...exampleArticle(), body: 'text' })).toEqual([{ path: 'body', message: 'body must be an array of 1 to 500 blocks' }]);
    });

    it.each([['null', null], ['a string', 'hello'], ['a number', 5], ['an object of blocks', { 0: { type: 'paragraph', text: 'new text' } }], ['one block not in a list', { type: 'paragraph', text: 'x' }]])(
      'refuses a body that is %s, also where the body is optional (an edit: omitted means keep)',
      (_, body) => {
        const expected = [{ path: 'body', message: 'body must be an array of 1 to 500 blocks' }];
        expect(issuesOf({ ...exampleArticle(), body })).toEqual(expected);
        const edit = validatePlain(PartialArticle, { headline: 'Changed', body });
        expect(edit.ok ? [] : edit.issues).toEqual(expected);
      },
    );

    it('folds an edit’s one-line fields the same way (PartialType keeps the transforms)', () => {
      const edit = validatePlain(PartialArticle, { headline: 'Changed\r\nheadline \u202Eend', bylines: [{ name: 'Olena\nKravets' }] });

      if (!edit.ok) throw new Error(JSON.stringify(edit.issues));
      expect(edit.value.headline).toBe('Changed headline \u202Eend\u202C');
      expect(edit.value.bylines?.[0].name).toBe('Olena Kravets');
    });

    it('lets an edit leave the body out, and keeps it out', () => {
      const edit = validatePlain(PartialArticle, { headline: 'Changed' });

      expect(edit).toMatchObject({ ok: true });
      expect(edit.ok && edit.value.body).toBeUndefined();
    });

    it('reports several problems at once', () => {
      const article = withBlock(0, { text: '' });
      article.section = 'Not A Slug';

      expect(pathsOf(article).sort()).toEqual(['body.0.text', 'section']);
    });

    it('names the first entry that is not a tag by its place, and says why', () => {
      expect(issuesOf({ ...exampleArticle(), tags: ['ports', '🎉', '!!'] })).toEqual([{ path: 'tags.1', message: 'tags.1 has no letters or digits, so it cannot be a tag' }]);
      expect(issuesOf({ ...exampleArticle(), tags: ['ports', 'a'.repeat(41)] })).toEqual([
        { path: 'tags.1', message: 'tags.1 is longer than a tag can be (at most 40 characters), so it cannot be a tag' },
      ]);
      expect(issuesOf({ ...exampleArticle(), tags: ['Port Noise'] })).toEqual([
        { path: 'tags.0', message: expect.stringMatching(/^tags\.0 must be a tag as the desk and the forms make it.*; as a tag, "Port Noise" is "port-noise" \(its words as typed can go in tagLabels\)$/) },
      ]);
      expect(issuesOf({ ...exampleArticle(), tags: ['ports', 'café'] })).toEqual([{ path: 'tags.1', message: expect.stringContaining('as a tag, "café" is "cafe"') }]);
      expect(issuesOf({ ...exampleArticle(), tags: ['東京 '] })).toEqual([{ path: 'tags.0', message: expect.stringContaining('as a tag, "東京 " is "東京"') }]);
      expect(issuesOf({ ...exampleArticle(), tags: [null] })).toEqual([{ path: 'tags.0', message: 'tags.0 is not text, so it cannot be a tag' }]);
    });

    it('keeps the words each tag was typed as, and treats null labels as none', () => {
      const labelled = validatePlain(ArticleContent, { ...exampleArticle(), tags: ['gdansk-street', 'kiyiv'], tagLabels: { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' } });
      expect(labelled.ok && labelled.value.tagLabels).toEqual({ 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' });
      const none = validatePlain(ArticleContent, { ...exampleArticle(), tagLabels: null });
      expect(none.ok).toBe(true);
      expect(none.ok && JSON.stringify(none.value).includes('tagLabels')).toBe(false);
      expect(issuesOf({ ...exampleArticle(), tags: ['kiyiv'], tagLabels: { kiyiv: 'Lviv' } })).toEqual([
        { path: 'tagLabels', message: expect.stringMatching(/^tagLabels\.kiyiv must be the words "kiyiv" was typed as/) },
      ]);
    });

    it('rejects a value that is not an object', () => {
      expect(validatePlain(ArticleContent, 'headline')).toEqual({ ok: false, issues: [{ path: '', message: 'must be a JSON object' }] });
    });
  });

  describe('unknown fields', () => {
    it('rejects an unknown top-level field', () => {
      expect(issuesOf({ ...exampleArticle(), author: 'someone' })).toEqual([{ path: 'author', message: 'property author should not exist' }]);
    });

    it('rejects an unknown field inside a block', () => {
      expect(issuesOf(withBlock(0, { html: '<b>x</b>' }))).toEqual([{ path: 'body.0.html', message: 'property html should not exist' }]);
    });

    it('rejects a field that belongs to another block type', () => {
      expect(pathsOf(withBlock(0, { attribution: 'Someone' }))).toEqual(['body.0.attribution']);
    });

    it('rejects unknown fields in the dateline and bylines', () => {
      const article = { ...exampleArticle(), dateline: { place: 'Kyiv', date: '2025-11-21', time: '10:00' }, bylines: [{ name: 'A', role: 'x' }] };

      expect(pathsOf(article).sort()).toEqual(['bylines.0.role', 'dateline.time']);
    });
  });

  describe('block types', () => {
    it('rejects an unknown block type and names the allowed ones', () => {
      const article = withBlock(1, { type: 'video', text: 'x' });

      expect(issuesOf(article)).toEqual([
        { path: 'body.1.type', message: 'body.1.type must be one of paragraph, subheading, quote, list, image, embed, related, got "video"' },
      ]);
    });

    it('rejects a block without a type', () => {
      const article = exampleArticle();
      (article.body as Plain[])[0] = { text: 'No type' };

      expect(issuesOf(article)).toEqual([
        { path: 'body.0.type', message: 'body.0.type is required and must be one of paragraph, subheading, quote, list, image, embed, related' },
      ]);
    });

    it.each([['a string'], [null], [42], [[{ type: 'paragraph', text: 'nested' }]]])('rejects a block that is %p instead of an object', (element) => {
      const article = exampleArticle();
      (article.body as unknown[])[4] = element;

      const issues = issuesOf(article);

      expect(issues.map((issue) => issue.path)).toEqual(['body.4.type']);
      expect(issues[0].message).toContain('each block must be an object');
    });

    it('does not accept a type written in another case', () => {
      expect(pathsOf(withBlock(0, { type: 'Paragraph' }))).toEqual(['body.0.type']);
    });
  });

  describe('URLs', () => {
    const rejected = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:image/svg+xml;base64,PHN2Zz4=',
      '/static/samples/harbour.svg',
      'images/harbour.jpg',
      '//cdn.example.org/harbour.jpg',
      'ftp://example.org/harbour.jpg',
      'mailto:desk@example.org',
      'http:example.org',
      'https:/example.org',
      'https://',
      'https://user:secret@example.org/a.jpg',
      'https://example.org/a b.jpg',
      ' https://example.org/a.jpg',
      'https:\\\\example.org',
      'https://example.org\\@evil.example',
      `https://example.org/${'a'.repeat(2048)}`,
    ];

    const labelled = rejected.map((url) => [url.length > 60 ? `${url.slice(0, 40)}… (${url.length} characters)` : JSON.stringify(url), url]);

    it.each(labelled)('rejects %s in image, embed and related blocks', (_label, url) => {
      const article = exampleArticle();
      for (const index of [3, 4, 5]) Object.assign((article.body as Plain[])[index], { url });

      expect(pathsOf(article)).toEqual(['body.3.url', 'body.4.url', 'body.5.url']);
    });

    it.each(['http://localhost:3003/static/samples/harbour.svg', 'https://example.org/a?b=c#d', 'HTTPS://EXAMPLE.ORG/A', 'https://192.0.2.10:8443/x'])(
      'accepts %p',
      (url) => {
        expect(validatePlain(ArticleContent, withBlock(3, { url })).ok).toBe(true);
      },
    );
  });

  describe('image sizes and renditions', () => {
    const IMAGE = (exampleArticle().body as Plain[]).findIndex((block) => block.type === 'image');
    const sized = { width: 1600, height: 1067, renditions: [{ url: 'https://images.example.org/cranes-640.jpg', width: 640 }, { url: 'https://images.example.org/cranes-1024.jpg', width: 1024, height: 683 }] };

    it('are optional: an image block without them stays valid, and with them keeps them', () => {
      const result = validatePlain(ArticleContent, withBlock(IMAGE, sized));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const image = result.value.body[IMAGE] as ImageBlock;
      expect({ width: image.width, height: image.height, renditions: image.renditions }).toEqual(sized);
      expect(validatePlain(ArticleContent, withBlock(IMAGE, { width: null, height: null, renditions: null })).ok).toBe(true);
    });

    it('reject sizes that are not whole pixels in range, bad rendition URLs and unknown rendition fields', () => {
      expect(pathsOf(withBlock(IMAGE, { width: 0, height: 10.5 }))).toEqual([`body.${IMAGE}.width`, `body.${IMAGE}.height`]);
      expect(pathsOf(withBlock(IMAGE, { width: ARTICLE_LIMITS.blocks.image.pixels.max + 1 }))).toEqual([`body.${IMAGE}.width`]);
      expect(pathsOf(withBlock(IMAGE, { renditions: [{ url: 'javascript:alert(1)', width: 640 }] }))).toEqual([`body.${IMAGE}.renditions.0.url`]);
      expect(pathsOf(withBlock(IMAGE, { renditions: [{ url: 'https://images.example.org/a.jpg' }] }))).toEqual([`body.${IMAGE}.renditions.0.width`]);
      expect(pathsOf(withBlock(IMAGE, { renditions: [{ url: 'https://images.example.org/a.jpg', width: 640, format: 'webp' }] }))).toEqual([
        `body.${IMAGE}.renditions.0.format`,
      ]);
      expect(pathsOf(withBlock(IMAGE, { renditions: 'https://images.example.org/a.jpg' }))).toEqual([`body.${IMAGE}.renditions`]);
      const many = Array.from({ length: ARTICLE_LIMITS.blocks.image.renditions.maxItems + 1 }, (_, i) => ({ url: `https://images.example.org/${i}.jpg`, width: 100 + i }));
      expect(pathsOf(withBlock(IMAGE, { renditions: many }))).toEqual([`body.${IMAGE}.renditions`]);
    });
  });

  describe('inside another contract', () => {
    class Envelope {
      @IsObject()
      @ValidateNested()
      @Type(() => ArticleContent)
      article!: ArticleContent;
    }

    it('validates the body by block type and reports the nested path', () => {
      const accepted = validatePlain(Envelope, { article: exampleArticle() });
      const rejected = validatePlain(Envelope, { article: withBlock(2, { attribution: 'a'.repeat(201) }) });

      expect(accepted.ok && accepted.value.article.body[0]).toBeInstanceOf(ParagraphBlock);
      expect(rejected).toEqual({
        ok: false,
        issues: [{ path: 'article.body.2.attribution', message: 'article.body.2.attribution must be shorter than or equal to 200 characters' }],
      });
    });
  });
});
