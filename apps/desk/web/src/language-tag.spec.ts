import { canonicalLanguage } from './language-tag';

describe('canonicalLanguage: the language field as BCP 47 writes it', () => {
  it.each([
    ['EN', 'en'],
    ['en-gb', 'en-GB'],
    [' pt_br ', 'pt-BR'],
    ['uk', 'uk'],
    ['', 'en'],
  ])('%p → %p', (typed, tag) => {
    expect(canonicalLanguage(typed)).toBe(tag);
  });

  it('leaves what is no tag as typed, for drafting to refuse with its reason', () => {
    expect(canonicalLanguage('english please')).toBe('english please');
  });
});
