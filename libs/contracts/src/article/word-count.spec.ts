import type { ArticleBlock } from './article-blocks';
import { bodyWordCount, separateWords, wordCount } from './word-count';

describe(wordCount.name, () => {
  it('counts what stands between spaces as one word, as word processors do', () => {
    expect(wordCount('The N1 runs from midnight to 5am.')).toBe(7);
    // Hyphens, apostrophes, currency and decimals stay inside their word.
    expect(wordCount('A 20-year-old e-mail costs £2.50, doesn’t it?')).toBe(7);
    expect(wordCount('one  two\nthree\tfour')).toBe(4);
  });

  it('counts no word for punctuation, dashes or symbols standing alone, nor for empty text', () => {
    expect(wordCount('Night buses — at last & for good')).toBe(6);
    expect(wordCount('— – & • …')).toBe(0);
    expect(wordCount('')).toBe(0);
    expect(wordCount('   ')).toBe(0);
  });

  it('counts words in every script that separates them with spaces', () => {
    expect(wordCount('Grüße aus Köln')).toBe(3);
    expect(wordCount('مرحبا بالعالم', 'ar')).toBe(2);
    expect(wordCount('Ελληνικά κείμενο', 'el')).toBe(2);
    expect(wordCount('서울은 한국의 수도입니다', 'ko')).toBe(3);
  });

  it('splits scripts written without spaces into their words, where counting spaces would make a sentence one word', () => {
    expect(wordCount('我们今天去北京', 'zh')).toBeGreaterThan(1);
    expect(wordCount('東京は日本の首都です。', 'ja')).toBeGreaterThan(1);
    expect(wordCount('ภาษาไทยง่ายนิดเดียว', 'th')).toBeGreaterThan(1);
    // Mixed with Latin words: each counted by its own rule.
    expect(wordCount('Tokyo 東京 Tower')).toBe(2 + wordCount('東京'));
  });

  it('takes a language tag Intl does not know, as one still being typed', () => {
    expect(wordCount('我们今天去北京', 'zh-')).toBe(wordCount('我们今天去北京', 'zh'));
    expect(wordCount('two words', 'not a tag')).toBe(2);
  });
});

describe(bodyWordCount.name, () => {
  it('counts the words a reader reads in the body, markup read as the words it shows', () => {
    const body: ArticleBlock[] = [
      { type: 'paragraph', text: 'The **N1** runs from [midnight](https://example.org/n1).' },
      { type: 'subheading', text: 'What it costs' },
      { type: 'quote', text: 'At _last_.', attribution: 'A night nurse' },
      { type: 'list', style: 'bulleted', items: ['Stops every 20 minutes', 'Runs all week'] },
    ];
    expect(bodyWordCount(body, 'en')).toBe(5 + 3 + 2 + 3 + 4 + 3);
  });

  it('leaves out pictures, embeds and related stories: their captions are not the story’s words', () => {
    const body: ArticleBlock[] = [
      { type: 'paragraph', text: 'Two words' },
      { type: 'image', url: 'https://images.example.org/a.jpg', alt: 'Cranes at dusk over the harbour', caption: 'A long caption here' },
      { type: 'embed', url: 'https://video.example.org/v/1', title: 'A film about buses' },
      { type: 'related', url: 'https://site.example.org/articles/x', headline: 'Another story entirely' },
    ];
    expect(bodyWordCount(body, 'en')).toBe(2);
    expect(bodyWordCount([], 'en')).toBe(0);
  });
});

describe('separateWords', () => {
  it.each([
    ['東京で新しい夜行バス路線が開業', ['東京', '夜行', 'バス']],
    ['北京是中国的首都。', ['北京', '中国', '首都']],
    ['สมชายไปตลาดเช้านี้', ['ตลาด']],
    ['ルート、バス', ['ルート', 'バス']],
  ])('puts the separator between the words of %s', (text, words) => {
    const parts = separateWords(text, '|').split('|');
    for (const word of words) expect(parts).toContain(word);
    expect(separateWords(text, '|').split('|').join('')).toBe(text);
  });

  it('separates a run from a letter or digit it touches, not from spaces or punctuation', () => {
    expect(separateWords('東京2020', '|')).toBe('東京|2020');
    expect(separateWords('Tokyo東京', '|')).toBe('Tokyo|東京');
    expect(separateWords('in 東京.', '|')).toBe('in 東京.');
  });

  it('leaves text in spaced scripts exactly as it is, combining accents included', () => {
    for (const text of ['Harbour crane ban', 'Café e\u0301te\u0301', 'Маяк знову світить', 'مرحبا بالعالم', '']) expect(separateWords(text, '|')).toBe(text);
  });
});
