import { ApiError } from './api';
import { fieldInWords, refusalsOf, refusedInWords } from './refusals';
import type { Article } from './views';

const sent: Article = {
  headline: 'Harbour cranes return',
  section: 'politics',
  bylines: [{ name: 'Rhea Reporter' }],
  language: 'en',
  // As the tags field files them: an entry that cannot be a tag is sent as typed, for the services to refuse.
  tags: ['harbour', '🎉'],
  body: [
    { type: 'paragraph', text: 'First.' },
    { type: 'image', url: 'https://images.example.org/a.jpg', alt: ' ' },
    { type: 'quote', text: 'We are back.', attribution: 'The harbour master' },
  ],
} as Article;

const refused = (...details: { path: string; message: string }[]) => new ApiError(400, 'REQUEST.VALIDATION_FAILED', details[0].message, details);

describe('refusalsOf: a refused save said in the story’s words', () => {
  it('names blocks, bylines and tags counted from 1 with what they are, never by their path', () => {
    const messages = refusalsOf(
      refused(
        { path: 'body.0.text', message: 'body.0.text must be shorter than or equal to 10000 characters' },
        { path: 'body.1.alt', message: 'body.1.alt must be longer than or equal to 1 characters' },
        { path: 'bylines.0.name', message: 'bylines.0.name must be shorter than or equal to 120 characters' },
        { path: 'tags.1', message: 'tags.1 has no letters or digits, so it cannot be a tag' },
      ),
      sent,
    ).map((refusal) => refusal.message);
    expect(messages).toEqual([
      'Not saved: Block 1 (paragraph) must be shorter than or equal to 10000 characters',
      'Not saved: Block 2 (picture) alt text must not be empty',
      'Not saved: Byline 1 must be shorter than or equal to 120 characters',
      'Not saved: Tag 2 (“🎉”) has no letters or digits, so it cannot be a tag',
    ]);
    expect(messages.join(' ')).not.toMatch(/body\.\d|bylines\.\d|tags\.\d/);
  });

  it('says a field that is not in a list in plain words, and leaves a refusal that is not about the text alone', () => {
    expect(fieldInWords('dateline.place', sent)).toBe('The dateline’s place');
    expect(fieldInWords('tagLabels', sent)).toBe('Tags');
    expect(fieldInWords('body.2.attribution', sent)).toBe('Block 3 (quote) attribution');
    const withList = { ...sent, body: [...sent.body, { type: 'list', style: 'bulleted', items: ['One', 'Two'] }] } as typeof sent;
    const at = withList.body.length - 1;
    expect(fieldInWords(`body.${at}.items.1`, withList)).toBe(`Block ${at + 1} (list) item 2`);
    expect(fieldInWords(`body.${at}.items`, withList)).toBe(`Block ${at + 1} (list) items`);
    expect(fieldInWords(`body.${at}.style`, withList)).toBe(`Block ${at + 1} (list) style`);
    expect(fieldInWords('standfirst', sent)).toBe('Standfirst');
    expect(refusalsOf(new ApiError(503, 'PROXY.UNAVAILABLE', 'The drafting service did not answer'), sent)).toEqual([]);
  });
});

describe('refusedInWords: a refusal said the same way wherever the desk shows it (a save, the page preview)', () => {
  it('names the fields as the reporter knows them, without the code or a path', () => {
    const error = refused({ path: 'bylines.1.name', message: 'bylines.1.name must be shorter than or equal to 120 characters' });
    const withTwo = { ...sent, bylines: [{ name: 'Rhea Reporter' }, { name: 'X'.repeat(200) }] } as Article;
    expect(refusedInWords(error, withTwo)).toEqual(['Byline 2 must be shorter than or equal to 120 characters']);
  });

  it('gives the message of a refusal that names no field, and nothing for a failure that is not a refusal', () => {
    expect(refusedInWords(new ApiError(413, 'REQUEST.TOO_LARGE', 'The article is over 512 KiB as JSON'), sent)).toEqual(['The article is over 512 KiB as JSON']);
    expect(refusedInWords(new ApiError(503, 'PROXY.UNAVAILABLE', 'The publishing service did not answer'), sent)).toEqual([]);
    expect(refusedInWords(new Error('offline'), sent)).toEqual([]);
  });
});
