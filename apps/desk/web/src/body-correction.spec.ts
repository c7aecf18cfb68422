import type { ArticleBlock } from '@newsroom/contracts';
import { correctableTexts, correctedBody } from './body-correction';

const body = [
  { type: 'paragraph', text: 'Mayor Smith resigned on Monday.' },
  { type: 'image', url: 'https://images.example.org/a.jpg', alt: 'The town hall', caption: 'The town hall.', credit: 'Archive' },
  { type: 'quote', text: 'It was time.', attribution: 'Mayor Smith' },
  { type: 'subheading', text: 'What comes next' },
  { type: 'paragraph', text: 'The council meets on Friday.' },
] as ArticleBlock[];

describe(correctableTexts.name, () => {
  it('offers paragraphs, subheadings and quotes with their attribution, numbered by block, and leaves pictures out', () => {
    expect(correctableTexts(body).map(({ key, label }) => [key, label])).toEqual([
      ['0.text', 'Paragraph 1'],
      ['2.text', 'Quote 3'],
      ['2.attribution', 'Quote 3, attribution'],
      ['3.text', 'Subheading 4'],
      ['4.text', 'Paragraph 5'],
    ]);
    expect(correctableTexts(body)[2].value).toBe('Mayor Smith');
  });
});

describe(correctedBody.name, () => {
  const edits = (entries: [string, string][]) => new Map(entries);

  it('is null when nothing differs from the live text, even with every field sent back as it was', () => {
    expect(correctedBody(body, edits(correctableTexts(body).map(({ key, value }) => [key, ` ${value} `])))).toBeNull();
    expect(correctedBody(body, edits([]))).toBeNull();
  });

  it('puts the corrected text and attribution in place and keeps every other block as it is live', () => {
    const result = correctedBody(body, edits([['0.text', 'Mayor Smyth resigned on Monday.'], ['2.attribution', 'Mayor Smyth']]));
    expect(result).toEqual([{ ...body[0], text: 'Mayor Smyth resigned on Monday.' }, body[1], { ...body[2], attribution: 'Mayor Smyth' }, body[3], body[4]]);
    // the live body it was given is not changed
    expect((body[0] as { text: string }).text).toBe('Mayor Smith resigned on Monday.');
  });

  it('keeps a block that is empty live, such as a blank subheading, when nothing was typed in it', () => {
    const withBlank = [body[0], { type: 'subheading', text: '' }, body[4]] as ArticleBlock[];
    expect(correctedBody(withBlank, edits(correctableTexts(withBlank).map(({ key, value }) => [key, value])))).toBeNull();
  });

  it('takes out a block whose text is emptied', () => {
    const result = correctedBody(body, edits([['4.text', '   ']]));
    expect(result?.map((block) => block.type)).toEqual(['paragraph', 'image', 'quote', 'subheading']);
  });
});

describe('a list in a correction', () => {
  const withList = [body[0], { type: 'list', style: 'numbered', items: ['Polls close at 10pm.', 'Counting starts at once.', 'Results by morning.'] }] as ArticleBlock[];
  const edits = (entries: [string, string][]) => new Map(entries);

  it('offers each item as a line of its own', () => {
    expect(correctableTexts(withList).map(({ key, label, rows }) => [key, label, rows])).toEqual([
      ['0.text', 'Paragraph 1', 3],
      ['1.items.0', 'List 2, item 1', 1],
      ['1.items.1', 'List 2, item 2', 1],
      ['1.items.2', 'List 2, item 3', 1],
    ]);
    expect(correctedBody(withList, edits(correctableTexts(withList).map(({ key, value }) => [key, value])))).toBeNull();
  });

  it('corrects an item in place and takes out an item emptied, keeping the style', () => {
    const result = correctedBody(withList, edits([['1.items.0', 'Polls close at 9pm.'], ['1.items.2', ' ']]));
    expect(result).toEqual([body[0], { type: 'list', style: 'numbered', items: ['Polls close at 9pm.', 'Counting starts at once.'] }]);
  });

  it('takes out a list whose every item is emptied', () => {
    const result = correctedBody(withList, edits([['1.items.0', ''], ['1.items.1', ''], ['1.items.2', '']]));
    expect(result).toEqual([body[0]]);
  });
});
