import { wayBack } from './subscription.requests';

describe(wayBack.name, () => {
  const site = 'https://news.example';

  it('leads back to a page of the site, with its query', () => {
    expect(wayBack('https://news.example/articles/cranes?utm=x', site)).toBe('https://news.example/articles/cranes?utm=x');
    expect(wayBack('https://news.example/', site)).toBe('https://news.example/');
    expect(wayBack('https://news.example/news/a', 'https://example.org/news')).toBeUndefined();
    expect(wayBack('https://example.org/news/a', 'https://example.org/news')).toBe('https://example.org/news/a');
    expect(wayBack('https://example.org/newsletter', 'https://example.org/news')).toBeUndefined();
  });

  it('never anywhere else: another origin, another scheme, a look-alike host, or no address', () => {
    for (const elsewhere of ['https://evil.example/', 'http://news.example/articles/a', 'https://news.example.evil.example/', 'https://news.example@evil.example/', 'javascript:alert(1)', '//evil.example/x', 'not a url', '', undefined]) {
      expect(wayBack(elsewhere, site)).toBeUndefined();
    }
  });
});
