import { exampleArticle, parseInline, type ArticleBlock } from '@newsroom/contracts';
import { blocksToDoc, docToBlocks, docToInline, inlineToDoc, type DocNode } from './article-doc';

const exampleBody = (): ArticleBlock[] => exampleArticle().body as ArticleBlock[];

describe('article body ↔ editor document', () => {
  it('gives the example article back unchanged after a trip through the document', () => {
    const body = exampleBody();
    expect(docToBlocks(blocksToDoc(body))).toEqual(body);
  });

  it('maps each block of the example article onto its node', () => {
    const doc = blocksToDoc(exampleBody());
    expect(doc.content?.map((node) => node.type)).toEqual(['paragraph', 'heading', 'quote', 'image', 'embed', 'related', 'bulletList']);
    expect(doc.content?.[0].content).toEqual([
      { type: 'text', text: 'The council voted ' },
      { type: 'text', text: '7 to 2', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' on Thursday.' },
    ]);
    expect(doc.content?.[1]).toEqual({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What changes' }] });
    expect(doc.content?.[2]).toEqual({
      type: 'quote',
      content: [
        { type: 'quoteText', content: [{ type: 'text', text: 'We can finally sleep.' }] },
        { type: 'quoteAttribution', content: [{ type: 'text', text: 'A resident of Nowy Port' }] },
      ],
    });
    expect(doc.content?.[3].attrs).toMatchObject({ url: 'https://images.example.org/cranes.jpg', alt: 'Cranes at dusk', credit: 'Port archive', width: null });
    expect(doc.content?.[6]).toEqual({
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Cranes stop at ' },
                { type: 'text', text: '10pm', marks: [{ type: 'bold' }] },
                { type: 'text', text: ' and start again at 6am.' },
              ],
            },
          ],
        },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ships already berthed may finish unloading.' }] }] },
      ],
    });
  });

  it('maps a numbered list onto an ordered list and back, and drops the empty items Enter leaves', () => {
    const list: ArticleBlock = { type: 'list', style: 'numbered', items: ['First, _the vote_.', 'Then [the appeal](https://example.org/appeal).'] };
    const doc = blocksToDoc([list]);
    expect(doc.content?.[0].type).toBe('orderedList');
    expect(docToBlocks(doc)).toEqual([list]);
    const withEmpty: DocNode = {
      type: 'doc',
      content: [
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One' }] }] }, { type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '  ' }] }] }] },
      ],
    };
    expect(docToBlocks(withEmpty)).toEqual([{ type: 'list', style: 'bulleted', items: ['One'] }]);
  });

  it('keeps the words of a nested list that came in by pasting, as one item of the outer list', () => {
    const nested: DocNode = {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Outer *' }] },
                { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: ' inner' }] }] }] },
              ],
            },
          ],
        },
      ],
    };
    expect(docToBlocks(nested)).toEqual([{ type: 'list', style: 'bulleted', items: ['Outer \\* inner'] }]);
  });

  it('gives the document back unchanged after a trip through the blocks', () => {
    const doc = blocksToDoc(exampleBody());
    expect(blocksToDoc(docToBlocks(doc))).toEqual(doc);
  });

  it('keeps an image\'s sizes and renditions, and leaves absent optional fields absent', () => {
    const image: ArticleBlock = {
      type: 'image',
      url: 'https://images.example.org/a.jpg',
      alt: 'A quay',
      width: 1600,
      height: 1067,
      renditions: [{ url: 'https://images.example.org/a-640.jpg', width: 640 }],
    };
    const quote: ArticleBlock = { type: 'quote', text: 'No attribution.' };
    expect(docToBlocks(blocksToDoc([image, quote]))).toEqual([image, quote]);
  });

  it('drops the empty paragraphs the editor keeps for the cursor, and an empty attribution', () => {
    const doc: DocNode = {
      type: 'doc',
      content: [
        { type: 'paragraph' },
        { type: 'quote', content: [{ type: 'quoteText', content: [{ type: 'text', text: 'Said.' }] }, { type: 'quoteAttribution' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '   ' }] },
      ],
    };
    expect(docToBlocks(doc)).toEqual([{ type: 'quote', text: 'Said.' }]);
  });

  it('gives an empty body one empty paragraph to type in', () => {
    expect(blocksToDoc([])).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect(docToBlocks(blocksToDoc([]))).toEqual([]);
  });
});

describe('inline markup ↔ marks', () => {
  it.each([
    'plain words',
    'The council voted **7 to 2** on Thursday.',
    '**a _b_**',
    '_x **y**_',
    '_**x** y_',
    'See [the **full** report](https://example.org/r?a=1) today.',
    'Costs rose by \\*10\\* and file\\_name stays.',
    'A link [with parens](https://example.org/a\\(b\\)) inside.',
  ])('round-trips %p', (markup) => {
    expect(docToInline(inlineToDoc(markup))).toBe(markup);
  });

  it('writes what the contracts parser reads back as the same marks', () => {
    const nodes: DocNode[] = [
      { type: 'text', text: 'Rates ' },
      { type: 'text', text: 'up ', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'sharply ', marks: [{ type: 'bold' }, { type: 'italic' }] },
      { type: 'text', text: '[sic] at 5*2' },
    ];
    const markup = docToInline(nodes);
    // the space that ended the emphasis moves outside the markers, where the parser needs it
    expect(markup).toBe('Rates **up _sharply_** \\[sic\\] at 5\\*2');
    expect(parseInline(markup)).toEqual([
      { type: 'text', text: 'Rates ' },
      { type: 'bold', children: [{ type: 'text', text: 'up ' }, { type: 'italic', children: [{ type: 'text', text: 'sharply' }] }] },
      { type: 'text', text: ' [sic] at 5*2' },
    ]);
  });

  it('reads a link\'s target from its mark', () => {
    expect(inlineToDoc('[here](https://example.org/x)')).toEqual([{ type: 'text', text: 'here', marks: [{ type: 'link', attrs: { href: 'https://example.org/x' } }] }]);
  });
});
