import { testContent, testPublicArticle } from '../../../test/test-articles';
import { toArticleSummary, toArticleView } from './article-api.views';

const BASE = 'https://news.example.org';

describe('toArticleView', () => {
  it('maps a live article to ninjs fields plus the structured article', () => {
    const article = testPublicArticle({ priority: 'breaking', version: 3, updatedAt: new Date('2025-11-21T12:00:00Z') });
    const view = toArticleView(article, BASE);
    expect(view).toMatchObject({
      uri: `${BASE}/articles/harbour-council-approves-night-time-crane-ban`,
      type: 'text',
      version: '3',
      versioncreated: '2025-11-21T12:00:00.000Z',
      firstcreated: '2025-11-21T08:30:00.000Z',
      pubstatus: 'usable',
      headline: 'Harbour council approves night-time crane ban',
      description_text: 'Residents won a two-year fight over noise; the port says costs will rise.',
      language: 'en',
      byline: 'Olena Kravets and Tom Reyes',
      located: 'Gdańsk',
      subject: [
        { name: 'Politics', code: 'section:politics' },
        { name: 'Ports', code: 'tag:ports' },
        { name: 'Noise pollution', code: 'tag:noise-pollution' },
      ],
      urgency: 1,
      slug: 'harbour-council-approves-night-time-crane-ban',
      section: 'politics',
      tags: ['ports', 'noise-pollution'],
      revision: 3,
      priority: 'breaking',
      corrections: [],
    });
    expect(view.body_html).toContain('<p><span class="dateline">Gdańsk, November 21 –</span> The council voted <strong>7 to 2</strong>');
    expect(view.article).toEqual(article.content);
  });

  it('escapes the body HTML like the page does', () => {
    const view = toArticleView(testPublicArticle({ content: testContent({ body: [{ type: 'paragraph', text: '<script>x</script> [a](javascript:x)' }] }) }), BASE);
    expect(view.body_html).toBe('<p><span class="dateline">Gdańsk, November 21 –</span> &lt;script&gt;x&lt;/script&gt; a</p>\n');
  });

  it('returns a withdrawn article marked withdrawn, without its body', () => {
    const view = toArticleView(testPublicArticle({ status: 'withdrawn', withdrawal: { at: new Date(), reason: 'Legal' } }), BASE);
    expect(view.pubstatus).toBe('withdrawn');
    expect(view).not.toHaveProperty('body_html');
    expect(view).not.toHaveProperty('article');
    expect(JSON.stringify(view)).not.toContain('Legal');
  });

  it('has routine urgency for normal news and leaves out absent optional fields', () => {
    const summary = toArticleSummary(testPublicArticle({ content: testContent({ standfirst: undefined, dateline: undefined }) }), BASE);
    expect(summary.urgency).toBe(4);
    expect(summary).not.toHaveProperty('description_text');
    expect(summary).not.toHaveProperty('located');
    expect(summary).not.toHaveProperty('body_html');
  });
});
