import { escapeHtml, htmlPage, safeHref } from './html';

describe('escapeHtml', () => {
  it('escapes every character that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>\``)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;&#96;');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('safeHref', () => {
  it('keeps http(s) URLs, escaped', () => {
    expect(safeHref('https://news.example/a?x=1&y="2"')).toBe('https://news.example/a?x=1&amp;y=%222%22');
  });

  it('neutralises other schemes and garbage', () => {
    expect(safeHref('javascript:alert(1)')).toBe('#');
    expect(safeHref('data:text/html,<b>')).toBe('#');
    expect(safeHref('not a url')).toBe('#');
  });
});

describe('htmlPage', () => {
  it('escapes the title', () => {
    expect(htmlPage('<b>Hi</b>', '')).toContain('<title>&lt;b&gt;Hi&lt;/b&gt;</title>');
  });
});
