import { validatePlain } from '../validation';
import { ArticleContent } from '../article/article-content';
import { exampleArticle } from '../article/example-article';
import { randomUUID } from 'node:crypto';
import { createEvent, validateEvent } from '../events/event-catalog';
import { EVENT_TYPES } from '../events/event-types';
import { TOPICS } from '../topics';
import { MAX_INPUT_DEPTH, findUnsupportedCharacter, findUnsupportedText, hasUnsupportedCharacter, replaceUnsupportedCharacters, withoutUnsupportedCharacters } from './unsupported-characters';

describe(findUnsupportedCharacter.name, () => {
  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['BACKSPACE', '\u0008', 'U+0008'],
    ['VERTICAL TAB', '\u000B', 'U+000B'],
    ['FORM FEED', '\u000C', 'U+000C'],
    ['GROUP SEPARATOR', '\u001D', 'U+001D'],
    ['DELETE', '\u007F', 'U+007F'],
    ['a C1 control (NEL)', '\u0085', 'U+0085'],
    ['a lone high surrogate', '\ud83d', 'U+D83D'],
    ['a lone low surrogate', '\ude00', 'U+DE00'],
    ['a reversed surrogate pair', '\ude00\ud83d', 'U+DE00'],
    ['U+FFFE', '\uFFFE', 'U+FFFE'],
    ['U+FFFF', '\uFFFF', 'U+FFFF'],
    ['an Arabic-presentation noncharacter', '\uFDD0', 'U+FDD0'],
    ['a supplementary-plane noncharacter', '\u{1FFFE}', 'U+1FFFE'],
    ['the last code point', '\u{10FFFF}', 'U+10FFFF'],
  ])('refuses %s, naming it', (_, character, name) => {
    expect(findUnsupportedCharacter(`Harbour${character}council`)).toEqual({ index: 7, codePoint: name });
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\r\nd'],
    ['accents and other scripts', 'Kyiv, Київ, 東京, القاهرة'],
    ['emoji made of surrogate pairs and joiners', '👩‍👩‍👧 👍🏽 🇺🇦'],
    ['right-to-left and zero-width marks', 'a\u200Fb\u200Bc\u200Dd'],
    ['private-use characters', '\uE000\u{F0000}'],
    ['the replacement character', '\uFFFD'],
    ['the last allowed code points of a plane', '\uFFFD\u{1FFFD}'],
  ])('accepts %s', (_, text) => {
    expect(findUnsupportedCharacter(text)).toBeUndefined();
    expect(hasUnsupportedCharacter(text)).toBe(false);
  });
});

describe(findUnsupportedText.name, () => {
  it('names the path of the first offending string in a body', () => {
    const body = { headline: 'Fine', body: [{ type: 'paragraph', text: 'ok' }, { type: 'paragraph', text: 'bad\u0008' }] };
    expect(findUnsupportedText(body)).toEqual({ kind: 'character', path: 'body.1.text', codePoint: 'U+0008' });
  });

  it('looks at object keys too', () => {
    expect(findUnsupportedText({ tags: { 'a\u0000': 1 } })).toEqual({ kind: 'character', path: 'tags.a?', codePoint: 'U+0000' });
  });

  it('reports the first field in document order', () => {
    expect(findUnsupportedText({ headline: '\u001D', standfirst: '\u000B' })).toMatchObject({ path: 'headline' });
  });

  it('stops at nesting deeper than the limit without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    expect(findUnsupportedText({ a: deep })).toMatchObject({ kind: 'depth', maxDepth: MAX_INPUT_DEPTH });
  });

  it('accepts nesting up to the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH; i += 1) deep = { a: deep };
    expect(findUnsupportedText(deep)).toBeUndefined();
  });

  it('ignores numbers, booleans and null', () => {
    expect(findUnsupportedText({ a: 1, b: true, c: null, d: [1.5, false] })).toBeUndefined();
  });
});

describe(`${validatePlain.name} with the character rule`, () => {
  it.each([
    ['headline', { headline: 'Crane ban\u001D' }, 'headline'],
    ['standfirst', { standfirst: 'Summary\u000B' }, 'standfirst'],
    ['a paragraph', { body: [{ type: 'paragraph', text: 'Text\u0008' }] }, 'body.0.text'],
    ['a paragraph (U+FFFE)', { body: [{ type: 'paragraph', text: 'Text\uFFFE' }] }, 'body.0.text'],
    ['a headline with NUL', { headline: 'Crane\u0000ban' }, 'headline'],
    ['a headline with a lone surrogate', { headline: 'Crane \ud83d ban' }, 'headline'],
    ['a byline', { bylines: [{ name: 'Olena\u0007' }] }, 'bylines.0.name'],
  ])('refuses an article with a control character in %s, at its path', (_, change, path) => {
    const result = validatePlain(ArticleContent, { ...exampleArticle(), ...change });
    expect(result).toEqual({ ok: false, issues: [{ path, message: expect.stringContaining(`${path} contains U+`) }] });
  });

  it('still accepts the example article', () => {
    expect(validatePlain(ArticleContent, exampleArticle()).ok).toBe(true);
  });
});

describe(`${validateEvent.name} with the character rule`, () => {
  /** A valid approved event, then changed as a broken or hostile producer might. */
  function approvedEvent(headline: string, note?: unknown): Record<string, unknown> {
    const articleId = randomUUID();
    const data = { articleId, revision: 1, editorId: 'eve', authorId: 'alice', approvedAt: new Date().toISOString(), priority: 'normal' as const, article: exampleArticle() };
    const event = JSON.parse(JSON.stringify(createEvent(EVENT_TYPES.articleApproved, data as never, { subject: articleId }))) as {
      data: { article: { headline: string }; note?: unknown };
    };
    event.data.article.headline = headline;
    if (note !== undefined) event.data.note = note;
    return event;
  }

  it('refuses an event whose article carries a NUL, so consumers dead-letter it before any effect', () => {
    expect(validateEvent(approvedEvent('Crane\u0000ban'), { topic: TOPICS.review })).toEqual({
      ok: false,
      issues: [{ path: 'data.article.headline', message: expect.stringContaining('U+0000') }],
    });
  });

  it('refuses an event nested 10,000 deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const result = validateEvent(approvedEvent('Fine', deep), { topic: TOPICS.review });
    expect(result).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('deeper than 32') }] });
  });

  it('accepts the same event with ordinary text', () => {
    expect(validateEvent(approvedEvent('Crane ban 👍🏽'), { topic: TOPICS.review }).ok).toBe(true);
  });
});

describe(replaceUnsupportedCharacters.name, () => {
  it('replaces each refused character with U+FFFD and keeps the rest', () => {
    expect(replaceUnsupportedCharacters('a\u0000b\ud83dc\u001Dd 😀\tе')).toBe('a\uFFFDb\uFFFDc\uFFFDd 😀\tе');
  });
});

describe(withoutUnsupportedCharacters.name, () => {
  it('turns a pasted line or page break into a space and drops other refused characters, keeping every character that is text', () => {
    const pasted = 'From Word:\u000Bline two\u000Cpage three\u0007 bell\u0000\uFFFE \u200D\u200F שלום 👩‍⚕️\ttab\nline';
    const cleaned = withoutUnsupportedCharacters(pasted);
    expect(cleaned).toBe('From Word: line two page three bell \u200D\u200F שלום 👩‍⚕️\ttab\nline');
    expect(hasUnsupportedCharacter(cleaned)).toBe(false);
  });

  it('drops a lone surrogate but keeps a pair', () => {
    expect(withoutUnsupportedCharacters('a\uD800b😀')).toBe('ab😀');
  });
});
