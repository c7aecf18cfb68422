import { IsOptional } from 'class-validator';
import { ArticleContent } from '../article/article-content';
import { exampleArticle } from '../article/example-article';
import { validatePlain } from '../validation';
import { hasVisibleText, IsMailAddress } from './visible-text';

describe(hasVisibleText.name, () => {
  it.each([
    ['zero-width spaces', '\u200b\u200b'],
    ['a word joiner', '\u2060'],
    ['a right-to-left override and its pop', '\u202e\u202c'],
    ['Hangul fillers between spaces', ' \u3164 \u115f '],
    ['a zero-width joiner', '\u200d'],
    ['spaces and a no-break space', '  \u00a0 '],
    ['nothing', ''],
  ])('finds nothing to see in %s', (_, text) => {
    expect(hasVisibleText(text)).toBe(false);
  });

  it.each([['a letter', 'a'], ['an emoji', '🐳'], ['Arabic with a right-to-left mark', '\u200fالقدس'], ['a digit among zero-width spaces', '\u200b1\u200b']])('sees %s', (_, text) => {
    expect(hasVisibleText(text)).toBe(true);
  });
});

describe('an article headline a reader would see as empty', () => {
  it.each([['zero-width spaces', '\u200b\u200b'], ['a Hangul filler', '\u3164'], ['bidirectional controls', '\u202e\u202c']])('is refused when made of %s', (_, headline) => {
    const result = validatePlain(ArticleContent, { ...exampleArticle(), headline });
    expect(result).toEqual({ ok: false, issues: [{ path: 'headline', message: 'headline must contain visible text, not only spaces or invisible characters' }] });
  });

  it('is accepted with a joiner inside an emoji', () => {
    expect(validatePlain(ArticleContent, { ...exampleArticle(), headline: 'Family 👨‍👩‍👧 reunited' }).ok).toBe(true);
  });
});

class Signup {
  @IsMailAddress() email!: string;
  @IsOptional() @IsMailAddress() backup?: string;
}

describe(IsMailAddress.name, () => {
  it.each([
    ['a zero-width space', 'a\u200b@example.com'],
    ['a soft hyphen', 'rea\u00adder@example.com'],
    ['a bidirectional override', 'reader\u202e@example.com'],
  ])('refuses an address with %s, which no mail server takes', (_, email) => {
    expect(validatePlain(Signup, { email })).toEqual({
      ok: false,
      issues: [{ path: 'email', message: 'email must not contain spaces or invisible characters (such as a zero-width space)' }],
    });
  });

  it('says an address that is not one is not an e-mail address', () => {
    expect(validatePlain(Signup, { email: 'not an address' })).toEqual({ ok: false, issues: [{ path: 'email', message: 'email must be an email' }] });
  });

  it.each([['a punycode label that decodes to nothing', 'x@xn--zz.com'], ['a punycode label of one letter', 'x@news.xn--a.com']])('refuses an address whose domain has %s', (_, email) => {
    expect(validatePlain(Signup, { email })).toEqual({ ok: false, issues: [{ path: 'email', message: 'email has a domain that is no internet domain name (after the @)' }] });
  });

  it('says a missing address is required', () => {
    expect(validatePlain(Signup, {})).toEqual({ ok: false, issues: [{ path: 'email', message: 'email is required' }] });
  });

  it.each([['reader@example.com'], ['first.last+alerts@news.example.org'], ['josé@example.com'], ['leser@bücher.example'], ['leser@xn--bcher-kva.example']])('accepts %s', (email) => {
    expect(validatePlain(Signup, { email }).ok).toBe(true);
  });
});
