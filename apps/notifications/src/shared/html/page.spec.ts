import { html } from '@newsroom/html';
import { htmlPage } from './page';

describe('htmlPage', () => {
  it('escapes the title in the head and the heading', () => {
    const page = htmlPage('<b>Hi</b> & "you"', html``);
    expect(page).toContain('<title>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;</title>');
    expect(page).toContain('<h1>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;</h1>');
    expect(page).not.toContain('<b>Hi</b>');
  });

  it('keeps the body as the html template built it', () => {
    const page = htmlPage('Title', html`<p>${'<script>x</script>'}</p>`);
    expect(page).toContain('<p>&lt;script&gt;x&lt;/script&gt;</p>');
  });

  it('is a complete document that search engines leave alone', () => {
    const page = htmlPage('Title', html``);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toMatch(/<\/html>\n$/);
  });
});
