import type { ArticleBlock } from '@newsroom/contracts';
import { correctableTexts, correctedBody } from './body-correction';

const body = [
  { type: 'paragraph', text: 'Mayor Smith resigned on Monday.' },
  { type: 'image', url: 'https://images.example.org/a.jpg', alt: 'The town hall', caption: 'The town hall.', credit: 'Archive' },
  { type: 'quote', text: 'It was time.', attribution: 'Mayor Smith' },
  { type: 'subheading', text: 'What comes next' },
  { type: 'paragraph', text: 'The council meets on Friday.' },
] as ArticleBlock[];
const edits = (entries: [string, string][]) => new Map(entries);

describe(correctableTexts.name, () => {
  it('offers every field of words, numbered by block: texts, attributions, a picture\'s alt text, caption and credit, never an address', () => {
    expect(correctableTexts(body).map(({ key, label }) => [key, label])).toEqual([
      ['0.text', 'Paragraph 1'],
      ['1.alt', 'Picture 2, alt text'],
      ['1.caption', 'Picture 2, caption'],
      ['1.credit', 'Picture 2, credit'],
      ['2.text', 'Quote 3'],
      ['2.attribution', 'Quote 3, attribution'],
      ['3.text', 'Subheading 4'],
      ['4.text', 'Paragraph 5'],
    ]);
    expect(correctableTexts(body).find(({ key }) => key === '2.attribution')?.value).toBe('Mayor Smith');
    expect(correctableTexts(body).find(({ key }) => key === '1.caption')?.value).toBe('The town hall.');
  });

  it('offers an embed\'s title and a related story\'s headline and teaser, empty where the reporter left them out', () => {
    const linked = [
      { type: 'embed', url: 'https://video.example.org/watch/1', provider: 'Example Video' },
      { type: 'related', url: 'https://example.org/news/budget', headline: 'Council sets its budget', teaser: 'Spending rises by 3%.' },
    ] as ArticleBlock[];
    expect(correctableTexts(linked).map(({ key, label, value }) => [key, label, value])).toEqual([
      ['0.title', 'Embed 1, title', ''],
      ['1.headline', 'Related story 2, headline', 'Council sets its budget'],
      ['1.teaser', 'Related story 2, teaser', 'Spending rises by 3%.'],
    ]);
    expect(correctedBody(linked, edits(correctableTexts(linked).map(({ key, value }) => [key, value])))).toBeNull();
    expect(correctedBody(linked, edits([['0.title', 'The council meeting, in full'], ['1.teaser', '']]))).toEqual([
      { type: 'embed', url: 'https://video.example.org/watch/1', provider: 'Example Video', title: 'The council meeting, in full' },
      { type: 'related', url: 'https://example.org/news/budget', headline: 'Council sets its budget' },
    ]);
  });
});

describe(correctedBody.name, () => {

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

  it('corrects a picture\'s words in place, keeping the picture, and takes away an emptied caption or credit', () => {
    const result = correctedBody(body, edits([['1.caption', ' The old town hall, in 1910. '], ['1.credit', ''], ['1.alt', 'The old town hall']]));
    expect(result?.[1]).toEqual({ type: 'image', url: 'https://images.example.org/a.jpg', alt: 'The old town hall', caption: 'The old town hall, in 1910.' });
    expect(result?.filter((_, index) => index !== 1)).toEqual(body.filter((_, index) => index !== 1));
  });

  it('sends an emptied alt text or related headline empty, for the service to refuse, rather than dropping the picture or the link', () => {
    expect(correctedBody(body, edits([['1.alt', '  ']]))?.[1]).toEqual({ ...body[1], alt: '' });
    const related = [{ type: 'related', url: 'https://example.org/news/budget', headline: 'Council sets its budget' }] as ArticleBlock[];
    expect(correctedBody(related, edits([['0.headline', '']]))).toEqual([{ ...related[0], headline: '' }]);
  });

  it('takes out a block whose text is emptied', () => {
    const result = correctedBody(body, edits([['4.text', '   ']]));
    expect(result?.map((block) => block.type)).toEqual(['paragraph', 'image', 'quote', 'subheading']);
  });
});

describe('a list in a correction', () => {
  const withList = [body[0], { type: 'list', style: 'numbered', items: ['Polls close at 10pm.', 'Counting starts at once.', 'Results by morning.'] }] as ArticleBlock[];

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
