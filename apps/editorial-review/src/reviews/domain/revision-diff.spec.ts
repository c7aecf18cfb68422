import { article, cleanArticle, proseParagraphs } from '../../../test/article.fixtures';
import { diffJson, DIFF_LIMITS, DiffBudget, diffRevisions, diffText, type TextChange, type TextFieldDiff } from './revision-diff';

const base = cleanArticle();
const baseBody = base.body as Record<string, unknown>[];

function diff(overrides: Record<string, unknown>) {
  return diffRevisions({ revision: 2, article: article() }, { revision: 3, article: article(overrides) });
}

/** Renders changes like a reviewer reads them: [-removed-]{+added+}. */
function render(changes: TextChange[]): string {
  return changes.map((c) => (c.op === 'added' ? `{+${c.text}+}` : c.op === 'removed' ? `[-${c.text}-]` : c.text)).join('');
}

describe(diffRevisions.name, () => {
  it('reports no changes between identical revisions', () => {
    expect(diff({})).toEqual({
      fromRevision: 2,
      toRevision: 3,
      fields: {},
      body: [],
      summary: { fieldsChanged: [], blocksAdded: 0, blocksRemoved: 0, blocksChanged: 0, blocksMoved: 0, coarseTexts: 0 },
    });
  });

  it('does not see a change in key order or in unset optional fields', () => {
    const reordered = JSON.parse(JSON.stringify(cleanArticle())) as Record<string, unknown>;
    const body = (reordered.body as Record<string, unknown>[]).map((block) => Object.fromEntries(Object.entries(block).reverse()));
    const result = diffRevisions(
      { revision: 1, article: article() },
      { revision: 2, article: article({ ...reordered, body, dateline: { date: '2025-11-21', place: 'Harwick' } }) },
    );
    expect(result.summary.fieldsChanged).toEqual([]);
    expect(result.body).toEqual([]);
  });

  describe('fields', () => {
    it('diffs the headline word by word', () => {
      const result = diff({ headline: 'Harbour council rejects night-time crane ban' });
      expect(result.fields.headline?.before).toBe(base.headline);
      expect(result.fields.headline?.after).toBe('Harbour council rejects night-time crane ban');
      expect(render(result.fields.headline!.changes)).toBe('Harbour council [-approves-]{+rejects+} night-time crane ban');
      expect(result.summary.fieldsChanged).toEqual(['headline']);
    });

    it('reports a standfirst that was added or removed', () => {
      const removed = diffRevisions({ revision: 1, article: article() }, { revision: 2, article: article({ standfirst: undefined }) });
      expect(removed.fields.standfirst).toMatchObject({ before: base.standfirst, after: null });
      expect(removed.fields.standfirst!.changes).toEqual([{ op: 'removed', text: base.standfirst }]);

      const added = diffRevisions({ revision: 1, article: article({ standfirst: undefined }) }, { revision: 2, article: article() });
      expect(added.fields.standfirst).toMatchObject({ before: null, after: base.standfirst });
    });

    it('reports dateline, section, bylines and language as before/after', () => {
      const result = diff({
        dateline: { place: 'Kyiv', date: '2025-11-22' },
        section: 'business',
        bylines: [{ name: 'Tom Reyes' }],
        language: 'uk',
      });
      expect(result.fields).toEqual({
        dateline: { before: { place: 'Harwick', date: '2025-11-21' }, after: { place: 'Kyiv', date: '2025-11-22' } },
        section: { before: 'politics', after: 'business' },
        bylines: { before: [{ name: 'Olena Kravets', id: 'alice' }], after: [{ name: 'Tom Reyes' }] },
        language: { before: 'en', after: 'uk' },
      });
    });

    it('reports a dateline that was removed', () => {
      expect(diff({ dateline: undefined }).fields.dateline).toEqual({ before: { place: 'Harwick', date: '2025-11-21' }, after: null });
    });

    it('lists tags added and removed, ignoring order', () => {
      expect(diff({ tags: ['noise', 'port', 'council'] }).fields.tags).toEqual({ added: ['port', 'council'], removed: ['harbour'], relabelled: [], labels: {} });
      expect(diff({ tags: ['noise', 'harbour'] }).fields.tags).toBeUndefined();
    });

    it('gives the words of tags added and removed, and reports a tag typed differently as relabelled', () => {
      const from = { ...article(), tags: ['noise', 'harbour', 'gdansk-street'], tagLabels: { 'gdansk-street': 'Gdansk street', harbour: 'Harbour' } };
      const to = { ...article(), tags: ['noise', 'gdansk-street', 'kiyiv'], tagLabels: { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' } };
      expect(diffRevisions({ revision: 2, article: from }, { revision: 3, article: to }).fields.tags).toEqual({
        added: ['kiyiv'],
        removed: ['harbour'],
        relabelled: [{ tag: 'gdansk-street', before: 'Gdansk street', after: 'Gdańsk Street' }],
        labels: { kiyiv: 'Київ', harbour: 'Harbour' },
      });
    });

    it('reports a change of words alone, the tags the same', () => {
      const from = { ...article(), tags: ['noise', 'kiyiv'] };
      const to = { ...article(), tags: ['noise', 'kiyiv'], tagLabels: { kiyiv: 'Київ' } };
      expect(diffRevisions({ revision: 2, article: from }, { revision: 3, article: to }).fields.tags).toEqual({ added: [], removed: [], relabelled: [{ tag: 'kiyiv', before: null, after: 'Київ' }], labels: {} });
      expect(diffRevisions({ revision: 2, article: to }, { revision: 3, article: to }).fields.tags).toBeUndefined();
    });
  });

  describe('body', () => {
    it('reports a block added in the middle with its new position', () => {
      const inserted = { type: 'paragraph', text: 'A new paragraph.' };
      const result = diff({ body: [baseBody[0], inserted, ...baseBody.slice(1)] });
      expect(result.body).toEqual([{ change: 'added', toIndex: 1, block: expect.objectContaining(inserted) }]);
      expect(result.summary).toMatchObject({ blocksAdded: 1, blocksRemoved: 0, blocksChanged: 0 });
    });

    it('reports a removed block with its old position', () => {
      const result = diff({ body: [baseBody[0], ...baseBody.slice(2)] });
      expect(result.body).toEqual([{ change: 'removed', fromIndex: 1, block: expect.objectContaining({ type: 'subheading' }) }]);
    });

    it('reports an edited block as changed, with a word diff of its text', () => {
      const body = [...baseBody];
      body[2] = { type: 'paragraph', text: 'Operators have until March to adapt.' };
      const result = diff({ body });
      expect(result.body).toEqual([{ change: 'changed', fromIndex: 2, toIndex: 2, type: 'paragraph', fields: [expect.objectContaining({ field: 'text' })] }]);
      const [change] = result.body;
      if (change.change !== 'changed') throw new Error('expected a changed block');
      expect(render(change.fields[0].changes)).toBe('Operators have until [-January-]{+March+} to adapt.');
      expect(result.summary.blocksChanged).toBe(1);
    });

    it('reports each changed field of a block, including one that was added', () => {
      const body = [...baseBody];
      body[3] = { type: 'quote', text: 'We will adapt quickly.', attribution: 'Port operator spokesperson' };
      const before = article({ body: [...baseBody.slice(0, 3), { type: 'quote', text: 'We will adapt.' }] });
      const result = diffRevisions({ revision: 1, article: before }, { revision: 2, article: article({ body }) });
      const [change] = result.body;
      if (change.change !== 'changed') throw new Error('expected a changed block');
      expect(change.fields.map((f) => f.field).sort()).toEqual(['attribution', 'text']);
      expect(change.fields.find((f) => f.field === 'attribution')).toMatchObject({ before: null, after: 'Port operator spokesperson' });
    });

    it("diffs a list's items line by line, and reports only the fields that changed", () => {
      const list = (style: string, items: string[]) => article({ body: [...baseBody, { type: 'list', style, items }] });
      const result = diffRevisions(
        { revision: 1, article: list('bulleted', ['Polls close at 10pm.', 'Counting starts at once.']) },
        { revision: 2, article: list('bulleted', ['Polls close at 9pm.', 'Counting starts at once.', 'Results by morning.']) },
      );
      const [change] = result.body;
      if (change.change !== 'changed') throw new Error('expected a changed block');
      expect(change.fields.map((f) => f.field)).toEqual(['items']);
      expect(render(change.fields[0].changes)).toBe('Polls close at [-10pm-]{+9pm+}.\nCounting starts at once.{+\nResults by morning.+}');

      const restyled = diffRevisions({ revision: 1, article: list('bulleted', ['One.', 'Two.']) }, { revision: 2, article: list('numbered', ['One.', 'Two.']) });
      const [styleChange] = restyled.body;
      if (styleChange.change !== 'changed') throw new Error('expected a changed block');
      // Equal items in two different arrays are no change.
      expect(styleChange.fields).toEqual([expect.objectContaining({ field: 'style', before: 'bulleted', after: 'numbered' })]);
    });

    it('does not pair blocks of different types: a replaced block is removed + added', () => {
      const body = [...baseBody];
      body[1] = { type: 'image', url: 'https://img.example.org/crane.jpg', alt: 'A crane' };
      const result = diff({ body });
      expect(result.body.map((c) => c.change).sort()).toEqual(['added', 'removed']);
    });

    it('keeps unchanged neighbours out of the diff and aligns across insertions and edits', () => {
      const body = [
        { type: 'paragraph', text: 'Breaking: new opening paragraph.' },
        baseBody[0],
        baseBody[1],
        { type: 'paragraph', text: 'Operators have until March to adapt.' },
        baseBody[3],
        { type: 'subheading', text: 'Reaction' },
        { type: 'paragraph', text: 'Residents welcomed the vote.' },
      ];
      const result = diff({ body });
      expect(result.body.map((c) => c.change)).toEqual(['added', 'changed', 'added', 'added']);
      expect(result.body[1]).toMatchObject({ change: 'changed', fromIndex: 2, toIndex: 3 });
      expect(result.summary).toMatchObject({ blocksAdded: 3, blocksRemoved: 0, blocksChanged: 1, blocksMoved: 0 });
    });

    it('counts a block that moved', () => {
      const result = diff({ body: [baseBody[3], baseBody[0], baseBody[1], baseBody[2]] });
      expect(result.summary.blocksMoved).toBe(1);
    });
  });
});

describe(diffText.name, () => {
  // Each side as the review screen shows it: the unchanged runs and that side's own.
  const sides = (changes: TextChange[]) => ({
    before: changes.filter((c) => c.op !== 'added').map((c) => c.text).join(''),
    after: changes.filter((c) => c.op !== 'removed').map((c) => c.text).join(''),
  });

  it.each([
    ['words changed inside the text', 'The council voted 7 to 2 on Thursday night.', 'The full council voted 8 to 1 on Thursday.'],
    // A sub-edit that lengthened a sentence: the earlier text read "a year ." once.
    ['words added before the full stop', 'Shipping firms say the ban will cost them £2.5m a year.', 'Shipping firms say the ban will cost them £2.5m a year in lost night shifts.'],
    ['words taken out before a comma', 'Work starts in March, officials said.', 'Work starts, officials said.'],
    ['words added at the start', 'Council approves the budget.', 'Harbour council approves the budget.'],
    ['a space doubled', 'Work starts in March', 'Work starts in  March, officials said'],
    ['a line break added', 'Polls close at 10pm. Counting starts at once.', 'Polls close at 10pm.\nCounting starts at once.'],
    ['text in a script without spaces', '東京は日本の首都です。', '東京は日本の大きな首都です。'],
    ['an emptied text', 'Only words.', ''],
  ])('rebuilds both texts exactly from its runs: %s', (_case, before, after) => {
    expect(sides(diffText(before, after).changes)).toEqual({ before, after });
  });

  it('shows words added before a full stop as added, the rest unchanged', () => {
    expect(render(diffText('It costs £2.5m a year.', 'It costs £2.5m a year in lost shifts.').changes)).toBe('It costs £2.5m a year{+ in lost shifts+}.');
  });

  it('reads a stretch of edits as what was taken out, then what was put in, the spaces between them included', () => {
    expect(render(diffText('The vote was seven two on Thursday.', 'The vote was eight one on Thursday.').changes)).toBe('The vote was [-seven two-]{+eight one+} on Thursday.');
    // A word both texts share stays between the edits.
    expect(render(diffText('The council voted 7 to 2.', 'The council voted 8 to 1.').changes)).toBe('The council voted [-7-]{+8+} to [-2-]{+1+}.');
    const { changes } = diffText('Council approves the budget.', 'Harbour council board approves the budget.');
    expect(changes.filter((c) => c.op !== 'equal').map((c) => [c.op, c.text.trim()])).toEqual([
      ['removed', 'Council'],
      ['added', 'Harbour council board'],
    ]);
  });
});

describe('diff limits', () => {
  /** Every text diff, wherever it is in the revision diff. */
  const textDiffs = (result: ReturnType<typeof diffRevisions>): TextFieldDiff[] => [
    ...[result.fields.headline, result.fields.standfirst].filter((text): text is TextFieldDiff => text !== undefined),
    ...result.body.flatMap((change) => (change.change === 'changed' ? change.fields : [])),
  ];
  const rebuilds = (text: TextFieldDiff) =>
    text.changes.filter((c) => c.op !== 'added').map((c) => c.text).join('') === (text.before ?? '') &&
    text.changes.filter((c) => c.op !== 'removed').map((c) => c.text).join('') === (text.after ?? '');

  it('bounds the work of a 100 kB article rewritten throughout, and still says what changed', () => {
    const before = article({ body: proseParagraphs(10, 10_000, 1) });
    const after = article({ body: proseParagraphs(10, 10_000, 2) });
    const budget = new DiffBudget();

    const result = diffRevisions({ revision: 1, article: before }, { revision: 2, article: after }, budget);

    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.spent).toBeLessThanOrEqual(DIFF_LIMITS.workBudget);
    expect(result.summary).toMatchObject({ blocksChanged: 10, coarseTexts: 10 });
    expect(textDiffs(result).every(rebuilds)).toBe(true);
  });

  it('charges the same for the same revisions: the bound does not depend on timing', () => {
    const run = () => {
      const budget = new DiffBudget();
      diffRevisions({ revision: 1, article: article({ body: proseParagraphs(3, 10_000, 5) }) }, { revision: 2, article: article({ body: proseParagraphs(3, 10_000, 6) }) }, budget);
      return budget.spent;
    };
    expect(run()).toBe(run());
  });

  it('still diffs word by word a long article with a few edits', () => {
    const body = proseParagraphs(10, 10_000, 3);
    const edited = body.map((block, i) => (i % 3 === 0 ? { ...block, text: block.text.replace(/^w\d+ w\d+/, 'Harbour council') } : block));

    const result = diffRevisions({ revision: 1, article: article({ body }) }, { revision: 2, article: article({ body: edited }) });

    expect(result.summary).toMatchObject({ blocksChanged: 4, coarseTexts: 0 });
    expect(textDiffs(result).every(rebuilds)).toBe(true);
    expect(textDiffs(result)[0].changes.filter((c) => c.op === 'added').map((c) => c.text.trim())).toEqual(['Harbour council']);
  });

  it('shows a text replaced as a whole once the budget is spent', () => {
    const spent = new DiffBudget(0);
    expect(diffText('Council approves ban', 'Council rejects ban', spent)).toEqual({
      before: 'Council approves ban',
      after: 'Council rejects ban',
      changes: [
        { op: 'removed', text: 'Council approves ban' },
        { op: 'added', text: 'Council rejects ban' },
      ],
      coarse: true,
    });
    expect(spent.spent).toBe(0);
  });
});

describe(diffJson.name, () => {
  it('sorts keys at every level and drops unset fields', () => {
    expect(diffJson({ b: 1, a: { d: null, c: [{ y: 1, x: undefined }] } })).toBe('{"a":{"c":[{"y":1}]},"b":1}');
  });
});
