import { validatePlain } from '../validation';
import { ArticleContent } from './article-content';
import type { ArticleBlock } from './article-blocks';
import { carryBlocks, carryCorrection, respelled } from './correction-carry';
import { exampleArticle } from './example-article';

function article(overrides: Record<string, unknown> = {}): ArticleContent {
  const result = validatePlain(ArticleContent, { ...exampleArticle(), ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const p = (text: string): ArticleBlock => ({ type: 'paragraph', text }) as ArticleBlock;
const texts = (blocks: readonly ArticleBlock[] | null): (string | undefined)[] | null => blocks && blocks.map((block) => (block as { text?: string }).text);

const base = article({ headline: 'Mayor Smith resigns', body: [p('Mayor Smith resigned on Monday.'), p('He served ten years.'), p('The council meets on Friday.')] });
const corrected = article({ headline: 'Mayor Smyth resigns', body: [p('Mayor Smyth resigned on Monday.'), p('He served ten years.'), p('The council meets on Friday.')] });

describe(carryCorrection.name, () => {
  it('carries a tag retyped by a correction, its words with it, into a later text that left the tags alone', () => {
    const before = article({ tags: ['gdansk-street', 'ports'] });
    const retyped = article({ tags: ['gdansk-street', 'ports'], tagLabels: { 'gdansk-street': 'Gdańsk Street' } });
    const later = article({ tags: ['gdansk-street', 'ports'], headline: 'A later headline' });
    const carry = carryCorrection(later, before, retyped);
    expect(carry.applied).toEqual(['tags']);
    expect(carry.text).toMatchObject({ headline: 'A later headline', tagLabels: { 'gdansk-street': 'Gdańsk Street' } });
    // A later text that retagged the story keeps its own tags, labels and all.
    const retagged = article({ tags: ['harbour'], tagLabels: { harbour: 'HARBOUR' } });
    expect(carryCorrection(retagged, before, retyped)).toMatchObject({ applied: [], kept: ['tags'], text: { tagLabels: { harbour: 'HARBOUR' } } });
  });

  it('puts the corrected value into every field the later text left as it was', () => {
    const later = article({ ...base, standfirst: 'An update: his deputy takes over.' });
    const carry = carryCorrection(later, base, corrected);
    expect(carry).toMatchObject({ applied: ['headline', 'body'], kept: [] });
    expect(carry.text).toMatchObject({ headline: 'Mayor Smyth resigns', standfirst: 'An update: his deputy takes over.' });
    expect(texts(carry.text.body)).toEqual(['Mayor Smyth resigned on Monday.', 'He served ten years.', 'The council meets on Friday.']);
  });

  it('corrects a paragraph of a body the later text added to, and keeps a headline it rewrote', () => {
    const later = article({
      headline: 'Mayor Smith resigns; deputy sworn in',
      body: [p('Mayor Smith resigned on Monday.'), p('His deputy was sworn in on Tuesday.'), p('He served ten years.'), p('The council meets on Friday.')],
    });
    const carry = carryCorrection(later, base, corrected);
    expect(carry).toMatchObject({ applied: ['body'], kept: ['headline'] });
    expect(carry.text.headline).toBe('Mayor Smith resigns; deputy sworn in');
    expect(texts(carry.text.body)).toEqual(['Mayor Smyth resigned on Monday.', 'His deputy was sworn in on Tuesday.', 'He served ten years.', 'The council meets on Friday.']);
  });

  it('keeps the later body whole when it rewrote the very paragraph the correction fixed', () => {
    const later = article({ ...base, body: [p('Mayor Smith quit on Monday, citing health.'), p('He served ten years.'), p('The council meets on Friday.')] });
    const carry = carryCorrection(later, base, corrected);
    expect(carry).toMatchObject({ applied: ['headline'], kept: ['body'] });
    expect(texts(carry.text.body)).toEqual(texts(later.body));
  });

  it('changes nothing in a text that already reads as corrected, so carrying it twice is harmless', () => {
    const once = carryCorrection(article({ ...base, standfirst: 'Later.' }), base, corrected);
    const twice = carryCorrection(once.text, base, corrected);
    expect(twice).toMatchObject({ applied: [], kept: [] });
    expect(twice.text).toBe(once.text);
  });

  it.each<[string, ArticleBlock[]]>([
    ['a paragraph rewritten', [p('Mayor Smyth resigned on Monday.'), p('He served ten years.'), p('The council meets on Friday.')]],
    ['a paragraph added', [p('Mayor Smith resigned on Monday.'), p('He was 64.'), p('He served ten years.'), p('The council meets on Friday.')]],
    ['a paragraph removed', [p('Mayor Smith resigned on Monday.'), p('The council meets on Friday.')]],
  ])('leaves alone a body that holds the correction (%s) and was added to since: nothing twice, nothing reported', (_case, correctedBody) => {
    const fixed = article({ ...base, body: correctedBody });
    // The next revision was written from the corrected text (drafting hands it the live text), and adds a paragraph.
    const later = article({ ...base, body: [...correctedBody, p('His deputy was sworn in.')] });
    const carry = carryCorrection(later, base, fixed);
    expect(carry).toMatchObject({ applied: [], kept: [] });
    expect(carry.text).toBe(later);
  });

  it('carries a second correction of the neighbouring paragraph into a revision written from the first (the update an editor corrected while it waited)', () => {
    const firstFix = article({ ...base, body: [p('Mayor Smith resigned on Monday.'), p('He served twelve years.'), p('The council meets on Friday.')] });
    const secondFix = article({ ...firstFix, body: [p('Mayor Smyth resigned on Monday.'), p('He served twelve years.'), p('The council meets on Friday.')] });
    const update = article({ ...firstFix, body: [...firstFix.body, p('His deputy was sworn in.')] });
    const carry = carryCorrection(update, base, secondFix);
    expect(carry).toMatchObject({ applied: ['body'], kept: [] });
    expect(texts(carry.text.body)).toEqual(['Mayor Smyth resigned on Monday.', 'He served twelve years.', 'The council meets on Friday.', 'His deputy was sworn in.']);
  });

  it('carries a second correction into a text that holds the first one, and adds nothing twice', () => {
    const first = article({ ...base, body: [p('Mayor Smith resigned on Monday.'), p('He was 64.'), p('He served ten years.'), p('The council meets on Friday.')] });
    const second = article({ ...first, body: [p('Mayor Smith resigned on Monday.'), p('He was 64.'), p('He served twelve years.'), p('The council meets on Friday.')] });
    const later = article({ ...first, body: [...first.body, p('His deputy was sworn in.')] });
    const carry = carryCorrection(later, base, second);
    expect(carry).toMatchObject({ applied: ['body'], kept: [] });
    expect(texts(carry.text.body)).toEqual(['Mayor Smith resigned on Monday.', 'He was 64.', 'He served twelve years.', 'The council meets on Friday.', 'His deputy was sworn in.']);
  });

  it('removes a standfirst and a dateline the correction removed, and keeps a respelled byline’s account id', () => {
    const withAll = article({ ...base, bylines: [{ name: 'Daniel Achbe', id: 'daniel' }] });
    const fixed = article({ ...withAll, bylines: [{ name: 'Daniel Achebe' }] });
    delete fixed.standfirst;
    delete fixed.dateline;
    const carry = carryCorrection(withAll, withAll, fixed);
    expect(carry.applied).toEqual(['standfirst', 'bylines', 'dateline']);
    expect(carry.text.standfirst).toBeUndefined();
    expect(carry.text.dateline).toBeUndefined();
    expect(carry.text.bylines).toEqual([{ name: 'Daniel Achebe', id: 'daniel' }]);
  });

  it('takes nothing when the merged text would not be a valid article', () => {
    const later = article({ ...base, body: [p('x'.repeat(10))] });
    // A hand-made "corrected" text no validator passed: an empty headline.
    const carry = carryCorrection(later, base, { ...corrected, headline: '' } as ArticleContent);
    expect(carry.text).toBe(later);
    expect(carry.applied).toEqual([]);
  });
});

describe(carryBlocks.name, () => {
  const one = p('One.');
  const two = p('Two, wrongly.');
  const twoFixed = p('Two, rightly.');
  const three = p('Three.');
  const added = p('Added later.');
  const oneFixed = p('One, rightly.');

  it.each<[string, ArticleBlock[], ArticleBlock[], ArticleBlock[], string[] | null]>([
    ['a paragraph rewritten, later added one after it', [one, two, three], [one, twoFixed, three], [one, two, three, added], ['One.', 'Two, rightly.', 'Three.', 'Added later.']],
    ['a paragraph rewritten, later moved it to the top', [one, two, three], [one, twoFixed, three], [two, one, three], ['Two, rightly.', 'One.', 'Three.']],
    ['a paragraph removed, later added one before it', [one, two, three], [one, three], [added, one, two, three], ['Added later.', 'One.', 'Three.']],
    ['a clarifying paragraph added after one, later added another elsewhere', [one, three], [one, twoFixed, three], [one, three, added], ['One.', 'Two, rightly.', 'Three.', 'Added later.']],
    ['a paragraph added at the start', [one, three], [twoFixed, one, three], [one, added, three], ['Two, rightly.', 'One.', 'Added later.', 'Three.']],
    ['a paragraph the later text rewrote too', [one, two, three], [one, twoFixed, three], [one, p('Two, rewritten.'), three], null],
    ['a paragraph the later text holds twice', [one, two, three], [one, twoFixed, three], [one, two, three, two], null],
    ['a paragraph the later text removed', [one, two, three], [one, twoFixed, three], [one, three], null],
    ['a removal the later text made too', [one, two, three], [one, three], [one, three, added], ['One.', 'Three.', 'Added later.']],
    ['an addition the later text already holds', [one, three], [one, twoFixed, three], [one, twoFixed, three, added], ['One.', 'Two, rightly.', 'Three.', 'Added later.']],
    // neighbouring paragraphs corrected at different times: the later text was written from the first correction
    ['two neighbours corrected, later holds the second correction already and added one', [one, two, three], [oneFixed, twoFixed, three], [one, twoFixed, three, added], ['One, rightly.', 'Two, rightly.', 'Three.', 'Added later.']],
    ['two neighbours corrected, later holds neither and added one', [one, two, three], [oneFixed, twoFixed, three], [one, two, three, added], ['One, rightly.', 'Two, rightly.', 'Three.', 'Added later.']],
    ['two neighbours corrected, later rewrote one of them', [one, two, three], [oneFixed, twoFixed, three], [one, p('Two, rewritten.'), three], null],
    ['two neighbours corrected into three blocks, later holds one', [one, two, three], [oneFixed, twoFixed, added, three], [one, twoFixed, three], null],
  ])('%s', (_case, replaced, fixed, later, expected) => {
    expect(texts(carryBlocks(later, replaced, fixed))).toEqual(expected);
  });

  describe('a list, item by item', () => {
    const list = (...items: string[]): ArticleBlock => ({ type: 'list', style: 'numbered', items }) as ArticleBlock;
    const listOf = (body: ArticleBlock[] | null) => body && body.map((block) => (block.type === 'list' ? `${block.style}: ${block.items.join(' | ')}` : (block as { text: string }).text));
    const replaced = [one, list('Polls close at 10pm.', 'Count at once.', 'Results by morning.'), three];

    it.each<[string, ArticleBlock[], ArticleBlock[], string[] | null]>([
      [
        'an item corrected, later rewrote another item of the same list',
        [one, list('Polls close at 9pm.', 'Count at once.', 'Results by morning.'), three],
        [one, list('Polls close at 10pm.', 'Count at once, in public.', 'Results by morning.'), three],
        ['One.', 'numbered: Polls close at 9pm. | Count at once, in public. | Results by morning.', 'Three.'],
      ],
      [
        'an item removed, later added an item at the end',
        [one, list('Polls close at 10pm.', 'Results by morning.'), three],
        [one, list('Polls close at 10pm.', 'Count at once.', 'Results by morning.', 'A recount if close.'), three],
        ['One.', 'numbered: Polls close at 10pm. | Results by morning. | A recount if close.', 'Three.'],
      ],
      [
        'an item added by the correction, later rewrote the first',
        [one, list('Polls close at 10pm.', 'Count at once.', 'Observers may watch.', 'Results by morning.'), three],
        [one, list('Polls close at 10pm sharp.', 'Count at once.', 'Results by morning.'), three],
        ['One.', 'numbered: Polls close at 10pm sharp. | Count at once. | Observers may watch. | Results by morning.', 'Three.'],
      ],
      [
        'a paragraph corrected, later changed an item',
        [p('One, rightly.'), list('Polls close at 10pm.', 'Count at once.', 'Results by morning.'), three],
        [one, list('Polls close at 10pm.', 'Count at once.', 'Results by noon.'), three],
        ['One, rightly.', 'numbered: Polls close at 10pm. | Count at once. | Results by noon.', 'Three.'],
      ],
      [
        'the same item rewritten on both sides: a conflict',
        [one, list('Polls close at 9pm.', 'Count at once.', 'Results by morning.'), three],
        [one, list('Polls close at 11pm.', 'Count at once.', 'Results by morning.'), three],
        null,
      ],
      [
        'every item removed by the correction: the list goes',
        [one, three],
        [one, list('Polls close at 10pm.', 'Count at once.', 'Results by morning.'), three, added],
        ['One.', 'Three.', 'Added later.'],
      ],
    ])('%s', (_case, fixed, later, expected) => {
      expect(listOf(carryBlocks(later, replaced, fixed))).toEqual(expected);
    });

    it('is a conflict when the correction restyled a list that cannot be told from another of the same style', () => {
      const two = [list('A.', 'B.'), list('C.', 'D.')];
      const restyled = [{ ...list('A.', 'B.'), style: 'bulleted' } as ArticleBlock, list('C.', 'D.')];
      expect(carryBlocks([list('A.', 'B.', 'New.'), list('C.', 'D.')], two, restyled)).toBeNull();
    });
  });

  it('never changes the blocks it was given', () => {
    const later = [one, two, three, added];
    const copy = structuredClone(later);
    carryBlocks(later, [one, two, three], [one, twoFixed, three]);
    expect(later).toEqual(copy);
  });
});

describe(respelled.name, () => {
  it.each([
    ['Daniel Achbe', 'Daniel Achebe', true],
    ['Olena Kravets', 'olena  kravets', true],
    ['Alice Smith', 'Alice Smyth', true],
    ['Bob Jones', 'Carol King', false],
    ['Al', 'Bo', false],
  ])('reads %s → %s as a respelling: %s', (before, after, expected) => {
    expect(respelled(before, after)).toBe(expected);
  });
});
