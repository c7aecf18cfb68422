import { maskEmail, normalizeEmail } from './email-address';

describe(normalizeEmail.name, () => {
  it.each([
    ['an IDN domain takes its ASCII form', 'x@bücher.example', 'x@xn--bcher-kva.example'],
    ['the ASCII form stays as it is', 'x@xn--bcher-kva.example', 'x@xn--bcher-kva.example'],
    ['a decomposed ü in the domain is the same domain', 'x@bu\u0308cher.example', 'x@xn--bcher-kva.example'],
    ['the domain is lower-cased', ' Ann@Example.COM ', 'Ann@example.com'],
    ['an upper-case IDN domain', 'x@BÜCHER.example', 'x@xn--bcher-kva.example'],
    ['the local part is NFC but keeps its case', 'Jose\u0301@example.com', 'José@example.com'],
    ['dots and +tags are not merged', 'a.nn+news@example.com', 'a.nn+news@example.com'],
  ])('%s', (_, input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('gives both spellings of one mailbox the same lower-case key', () => {
    expect(normalizeEmail('X@Bücher.Example').toLowerCase()).toBe(normalizeEmail('x@xn--BCHER-kva.example').toLowerCase());
  });
});

describe(maskEmail.name, () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a•••@example.com');
  });
});
