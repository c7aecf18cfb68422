import { randomUUID } from 'node:crypto';
import { ArticleContent } from './article/article-content';
import { ARTICLE_LIMITS } from './article/article-limits';
import { exampleArticle } from './article/example-article';
import { createEvent } from './events/event-catalog';
import { EVENT_TYPES } from './events/event-types';
import { MESSAGE_LIMITS, jsonByteLength } from './limits';
import { validatePlain } from './validation';

/** An article whose body is `paragraphs` paragraphs of `length` characters of `letter`. */
function articleOf(paragraphs: number, length: number, letter = 'a'): Record<string, unknown> {
  return { ...exampleArticle(), body: Array.from({ length: paragraphs }, () => ({ type: 'paragraph', text: letter.repeat(length) })) };
}

/** The largest article the content model accepts, in characters that take 3 bytes in UTF-8 (東). */
function largestArticle(): Record<string, unknown> {
  const wide = (n: number) => '東'.repeat(n);
  const { paragraph } = ARTICLE_LIMITS.blocks;
  const article = {
    ...exampleArticle(),
    headline: wide(ARTICLE_LIMITS.headline.maxLength),
    standfirst: wide(ARTICLE_LIMITS.standfirst.maxLength),
    tags: Array.from({ length: ARTICLE_LIMITS.tags.maxItems }, (_, i) => `tag-${i}-${'x'.repeat(ARTICLE_LIMITS.tags.maxLength - 8)}`),
    bylines: Array.from({ length: ARTICLE_LIMITS.bylines.maxItems }, (_, i) => ({ name: wide(ARTICLE_LIMITS.bylines.name.maxLength - 3) + i, id: `u${i}`.padEnd(100, 'x') })),
    body: [] as Array<Record<string, string>>,
  };
  // Fill the body up to its byte maximum, paragraph by paragraph.
  const overhead = jsonByteLength([{ type: 'paragraph', text: '' }]);
  let room = ARTICLE_LIMITS.body.maxJsonBytes - 2;
  while (room > overhead + 3) {
    const characters = Math.min(paragraph.text.maxLength, Math.floor((room - overhead) / 3));
    article.body.push({ type: 'paragraph', text: wide(characters) });
    room -= jsonByteLength({ type: 'paragraph', text: wide(characters) }) + 1;
  }
  return article;
}

describe('MESSAGE_LIMITS', () => {
  it('accepts a 120 KB article of 15 paragraphs of 8,000 characters', () => {
    const article = articleOf(15, 8_000);
    expect(jsonByteLength(article)).toBeGreaterThan(120_000);
    expect(validatePlain(ArticleContent, article).ok).toBe(true);
  });

  it('refuses a body just over its byte maximum, at `body`, and accepts one just under', () => {
    const perParagraph = jsonByteLength({ type: 'paragraph', text: 'a'.repeat(10_000) }) + 1;
    const fitting = Math.floor(ARTICLE_LIMITS.body.maxJsonBytes / perParagraph);
    expect(validatePlain(ArticleContent, articleOf(fitting, 10_000)).ok).toBe(true);
    const over = validatePlain(ArticleContent, articleOf(fitting + 1, 10_000));
    expect(over).toEqual({ ok: false, issues: [{ path: 'body', message: expect.stringContaining(`at most ${ARTICLE_LIMITS.body.maxJsonBytes} bytes`) }] });
  });

  it('lets the largest valid article travel in one approved event, under the event and topic maxima', () => {
    const validated = validatePlain(ArticleContent, largestArticle());
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    const articleId = randomUUID();
    const event = createEvent(
      EVENT_TYPES.articleApproved,
      {
        articleId,
        revision: 2_000_000_000,
        editorId: 'e'.repeat(100),
        authorId: 'a'.repeat(100),
        approvedAt: new Date().toISOString(),
        publishAt: new Date().toISOString(),
        embargoUntil: new Date().toISOString(),
        priority: 'breaking',
        article: validated.value,
      },
      { subject: articleId },
    );
    expect(jsonByteLength(validated.value)).toBeGreaterThan(ARTICLE_LIMITS.body.maxJsonBytes - 1024);
    expect(jsonByteLength(event)).toBeLessThanOrEqual(MESSAGE_LIMITS.eventBytes);
  });

  it('orders the limits so that each step carries what the one before accepts', () => {
    const headers = 8 * 1024; // traceparent, and on a dead letter the x-dlq-* headers
    expect(MESSAGE_LIMITS.articleRequestBodyBytes).toBeGreaterThanOrEqual(MESSAGE_LIMITS.articleJsonBytes * 2);
    expect(MESSAGE_LIMITS.articleJsonBytes + 64 * 1024).toBeLessThanOrEqual(MESSAGE_LIMITS.eventBytes);
    expect(MESSAGE_LIMITS.eventBytes + headers).toBeLessThanOrEqual(MESSAGE_LIMITS.topicMessageBytes);
    expect(MESSAGE_LIMITS.topicMessageBytes + MESSAGE_LIMITS.deadLetterReasonBytes + headers).toBeLessThanOrEqual(MESSAGE_LIMITS.deadLetterMessageBytes);
  });
});
