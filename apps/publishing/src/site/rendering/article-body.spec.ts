import type { ArticleContent } from '@newsroom/contracts';
import { testContent } from '../../../test/test-articles';
import { scriptRisks } from '../../../test/html-safety';
import { renderArticleBody } from './article-body';

const render = (content: ArticleContent, now?: Date) => renderArticleBody(content, { now }).value;

describe('renderArticleBody', () => {
  it('puts the dateline at the start of the first paragraph only, even after other blocks', () => {
    const out = render(
      testContent({
        body: [
          { type: 'image', url: 'https://images.example.org/a.jpg', alt: 'A' },
          { type: 'paragraph', text: 'First.' },
          { type: 'paragraph', text: 'Second.' },
        ],
      }),
    );
    expect(out).toContain('<p><span class="dateline">Gdańsk, November 21 –</span> First.</p>');
    expect(out).toContain('<p>Second.</p>');
  });

  it('shows the dateline on its own when the body has no paragraph', () => {
    const out = render(testContent({ body: [{ type: 'quote', text: 'Only a quote.' }] }));
    expect(out.startsWith('<p><span class="dateline">Gdańsk, November 21 –</span> </p>')).toBe(true);
  });

  it('has no dateline when the article has none', () => {
    expect(render(testContent({ dateline: undefined }))).not.toContain('dateline');
  });

  it('skips empty subheadings and renders a quote without attribution', () => {
    const out = render(
      testContent({
        body: [
          { type: 'subheading', text: '' },
          { type: 'quote', text: 'No one _said_ this.' },
        ],
      }),
    );
    expect(out).not.toContain('<h2>');
    expect(out).toContain('<blockquote class="quote"><p>“No one <em>said</em> this.”</p></blockquote>');
  });

  it('renders a bulleted list as ul and a numbered one as ol, each item with its inline markup, escaped', () => {
    const out = render(
      testContent({
        body: [
          { type: 'list', style: 'bulleted', items: ['Polls close at **10pm**.', 'See [the results](https://example.org/results).'] },
          { type: 'list', style: 'numbered', items: ['</li><script>alert(1)</script>', '[bad](javascript:alert(2))'] },
        ],
      }),
    );
    expect(out).toContain('<ul><li>Polls close at <strong>10pm</strong>.</li><li>See <a href="https://example.org/results" rel="noopener">the results</a>.</li></ul>');
    expect(out).toContain('<ol><li>&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt;</li><li>');
    expect(out).not.toContain('javascript:');
    expect(scriptRisks(out)).toEqual([]);
  });

  it('shows related teasers with a relative time on pages and the date elsewhere', () => {
    const content = testContent();
    expect(render(content, new Date('2025-11-23T18:00:00Z'))).toContain('<time datetime="2025-11-20T17:05:00.000Z" lang="en" dir="ltr">3 days ago</time>');
    expect(render(content)).toContain('<time datetime="2025-11-20T17:05:00.000Z" lang="en" dir="ltr">20 November 2025</time>');
  });

  it("puts a related story's time on a line of its own, so a teaser-less headline does not run into it", () => {
    const out = render(testContent({ body: [{ type: 'related', url: 'https://example.org/news/aurora', headline: 'Sky-watchers map an aurora arc', publishedAt: '2025-11-20T17:05:00Z' }] }));
    expect(out).toContain('Sky-watchers map an aurora arc</a><p class="related-time"><time datetime="2025-11-20T17:05:00.000Z"');
  });

  it('writes its own labels in the site\'s language, marked as such inside the article\'s', () => {
    const body = [
      { type: 'related', url: 'https://example.org/news/aurora', headline: 'Aurora arc mapped' },
      { type: 'embed', url: 'https://video.example.org/1', provider: 'ExampleTube', title: 'The vote' },
      { type: 'embed', url: 'https://maps.example.org/m/1' },
    ];
    const ukrainian = renderArticleBody(testContent({ body }), { locale: { language: 'uk', timeZone: 'Europe/Kyiv' } }).value;
    expect(ukrainian).toContain('<span class="related-label" lang="uk" dir="ltr">Також читайте</span>');
    expect(ukrainian).toContain('<span class="embed-label" lang="uk" dir="ltr">Дивитися на ExampleTube</span>');
    expect(ukrainian).toContain('<span class="embed-label" lang="uk" dir="ltr">Зовнішній вміст</span>');
    const english = render(testContent({ body }));
    expect(english).toContain('<span class="related-label" lang="en" dir="ltr">Related</span>');
    expect(english).toContain('<span class="embed-label" lang="en" dir="ltr">Watch on ExampleTube</span>');
  });

  it('falls back to the URL for an embed without a title, and names the provider', () => {
    const out = render(testContent({ body: [{ type: 'embed', url: 'https://maps.example.org/m/1', provider: 'ExampleMaps' }] }));
    expect(out).toContain('<span class="embed-label" lang="en" dir="ltr">Watch on ExampleMaps</span> <a href="https://maps.example.org/m/1" rel="noopener">https://maps.example.org/m/1</a>');
  });

  it('drops blocks whose URL is not http(s), should one ever get past validation', () => {
    const content = testContent();
    const unsafe = {
      ...content,
      body: [
        { type: 'image', url: 'javascript:alert(1)', alt: 'x' },
        { type: 'embed', url: 'data:text/html,<script>alert(1)</script>' },
        { type: 'related', url: 'vbscript:x', headline: 'h' },
        { type: 'paragraph', text: 'Safe.' },
      ],
    } as unknown as ArticleContent;
    const out = render(unsafe);
    expect(out).toBe('<p><span class="dateline">Gdańsk, November 21 –</span> Safe.</p>\n');
    expect(scriptRisks(out)).toEqual([]);
  });
});
