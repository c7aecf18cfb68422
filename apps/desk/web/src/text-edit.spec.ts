import type { ArticleBlock } from '@newsroom/contracts';
import { ApiError } from './api';
import { editRefusalInWords } from './text-edit';

const body = [
  { type: 'paragraph', text: 'The first tram left at 6am.' },
  { type: 'list', style: 'bulleted', items: ['Podil', 'Poshtova Square'] },
  { type: 'image', url: 'https://images.example.org/tram.jpg', alt: '', caption: 'The first tram.' },
] as ArticleBlock[];

/** Publishing's refusal of a correction, as its API answers it: the message names each field by its path. */
const refusal = (issues: { path: string; message: string }[]) =>
  new ApiError(400, 'ARTICLE.INVALID_CORRECTION', `The corrected article would not be valid: ${issues.map((issue) => issue.message).join('; ')}`, issues);

describe(editRefusalInWords.name, () => {
  it('names a refused field of the body as the form labels it, counted from 1', () => {
    const error = refusal([{ path: 'changes.body.2.alt', message: 'body.2.alt must be longer than or equal to 1 characters' }]);
    expect(editRefusalInWords(error, body)).toBe('The corrected article would not be valid: “Picture 3, alt text” must not be empty (ARTICLE.INVALID_CORRECTION)');
  });

  it('names list items and every issue of a refusal, and a field the form does not offer by its block', () => {
    const error = refusal([
      { path: 'changes.body.1.items.1', message: 'body.1.items.1 must be shorter than or equal to 2000 characters' },
      { path: 'changes.body.2.renditions.0.url', message: 'body.2.renditions.0.url must be an http(s) URL' },
      { path: 'changes.body.0.text', message: 'body.0.text must be longer than or equal to 1 characters' },
    ]);
    expect(editRefusalInWords(error, body)).toBe(
      'The corrected article would not be valid: “List 2, item 2” must be shorter than or equal to 2000 characters; “Block 3 (renditions.0.url)” must be an http(s) URL; “Paragraph 1” must not be empty (ARTICLE.INVALID_CORRECTION)',
    );
  });

  it('leaves other refusals as the desk says them elsewhere', () => {
    const conflict = new ApiError(412, 'ARTICLE.VERSION_CONFLICT', 'Article changed since version 3; it is now at version 4', undefined);
    expect(editRefusalInWords(conflict, body)).toBe('Article changed since version 3; it is now at version 4 (ARTICLE.VERSION_CONFLICT)');
    const headline = refusal([{ path: 'changes.headline', message: 'headline must contain visible text' }]);
    expect(editRefusalInWords(headline, body)).toBe('The corrected article would not be valid: headline must contain visible text (ARTICLE.INVALID_CORRECTION)');
    expect(editRefusalInWords(new Error('Failed to fetch'), body)).toBe('Failed to fetch');
  });
});
