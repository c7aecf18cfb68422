import { DomainError } from '@newsroom/contracts';
import { PublicSite } from './public-site';

const site = new PublicSite('https://news.example.com');
const underPath = new PublicSite('https://example.org/news/');

describe(PublicSite.name, () => {
  it.each([
    'https://news.example.com/articles/budget-passes',
    'https://NEWS.example.com:443/articles/budget-passes?utm=1#top',
    'https://news.example.com/',
  ])('owns its own pages: %s', (url) => {
    expect(site.owns(url)).toBe(true);
  });

  it.each([
    ['another host', 'https://evil.example/articles/budget-passes'],
    ['a look-alike host', 'https://news.example.com.evil.example/articles/a'],
    ['credentials that hide the host', 'https://news.example.com@evil.example/articles/a'],
    ['credentials on our host', 'https://user:pw@news.example.com/articles/a'],
    ['another scheme', 'http://news.example.com/articles/a'],
    ['another port', 'https://news.example.com:8443/articles/a'],
    ['a script URL', 'javascript:alert(1)'],
    ['no URL at all', 'not a url'],
  ])('refuses %s', (_what, url) => {
    expect(site.owns(url)).toBe(false);
  });

  it('keeps to the base path when the site has one', () => {
    expect(underPath.owns('https://example.org/news/articles/a')).toBe(true);
    expect(underPath.owns('https://example.org/news')).toBe(true);
    expect(underPath.owns('https://example.org/newsletter/a')).toBe(false);
    expect(underPath.owns('https://example.org/other/a')).toBe(false);
    expect(underPath.owns('https://example.org/news/../other/a')).toBe(false);
    expect(underPath.owns('https://example.org/news/%2e%2e/other/a')).toBe(false);
  });

  it('refuses an off-site URL with ALERT.OFF_SITE_URL, a DomainError a consumer dead-letters', () => {
    let thrown: unknown;
    try {
      site.assertOwns('https://evil.example/a');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'ALERT.OFF_SITE_URL', message: expect.stringContaining('https://news.example.com') });
    expect(() => site.assertOwns('https://news.example.com/articles/a')).not.toThrow();
  });

  it('says its base URL without a trailing slash', () => {
    expect(underPath.baseUrl).toBe('https://example.org/news');
    expect(site.baseUrl).toBe('https://news.example.com');
  });
});
