import { html } from '@newsroom/html';
import { htmlPage } from './page';

const MASTHEAD = { name: 'The Harwick <Gazette>', siteUrl: 'https://news.example/' };

describe('htmlPage', () => {
  it('escapes the title in the head and the heading', () => {
    const page = htmlPage(MASTHEAD, '<b>Hi</b> & "you"', html``);
    expect(page).toContain('<title>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot; · The Harwick &lt;Gazette&gt;</title>');
    expect(page).toContain('<h1>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;</h1>');
    expect(page).not.toContain('<b>Hi</b>');
  });

  it('keeps the body as the html template built it', () => {
    const page = htmlPage(MASTHEAD, 'Title', html`<p>${'<script>x</script>'}</p>`);
    expect(page).toContain('<p>&lt;script&gt;x&lt;/script&gt;</p>');
  });

  it('carries the publication as a masthead leading to its site, escaped', () => {
    expect(htmlPage(MASTHEAD, 'Title', html``)).toContain('<header class="masthead"><a href="https://news.example/">The Harwick &lt;Gazette&gt;</a></header>');
    expect(htmlPage({ name: 'X', siteUrl: 'javascript:alert(1)' }, 'Title', html``)).not.toContain('javascript:');
  });

  it('is a complete document that search engines leave alone', () => {
    const page = htmlPage(MASTHEAD, 'Title', html``);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toMatch(/<\/html>\n$/);
  });
});
