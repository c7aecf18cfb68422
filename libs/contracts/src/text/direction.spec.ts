import { textDirection } from './direction';

describe(textDirection.name, () => {
  it.each([
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['fa-IR', 'rtl'],
    ['ur', 'rtl'],
    ['en', 'ltr'],
    ['uk', 'ltr'],
    ['en-GB', 'ltr'],
    ['not a tag!', 'ltr'],
  ])('%s is written %s', (language, direction) => {
    expect(textDirection(language)).toBe(direction);
  });
});
