import { bodyWordCount } from '@newsroom/contracts';
import { scriptRisks } from '../../../test/html-safety';
import { expectFragments } from '../../../test/page-fragments';
import { exampleBodyWith, testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { renderArticlePage } from './article-page';

const BASE = 'https://news.example.org';
const site = testSite({
  sections: [
    { slug: 'politics', label: 'Politics' },
    { slug: 'climate-change', label: 'Climate change' },
  ],
});

/** Every way the page could run script or leak markup out of the article's text. */
function expectInert(page: string): void {
  expect(scriptRisks(page)).toEqual([]);
  expect(page.match(/<script\b[^>]*>/gi)).toEqual(['<script type="application/ld+json">']);
}

function jsonLd(page: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no JSON-LD');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('renderArticlePage', () => {
  it('the safety check itself catches unsafe markup', () => {
    expect(scriptRisks('<p>x</p><script>alert(1)</script>')).toContain('script element: <script>');
    expect(scriptRisks('<img src=x onerror=alert(1)>')).toEqual(['event handler: <img src=x onerror=alert(1)>']);
    expect(scriptRisks('<a href=" JaVaScRiPt:alert(1)">x</a>')).toHaveLength(1);
    expect(scriptRisks('<a href="&#106;avascript:alert(1)">x</a>')).toHaveLength(1);
    expect(scriptRisks('<p alt="x"">broken</p>')).not.toEqual([]);
    expect(scriptRisks('<p title="&quot; onerror=&quot;x">fine</p>')).toEqual([]);
  });

  describe('a hostile article', () => {
    const hostile = testPublicArticle({
      content: testContent({
        headline: '<script>alert("headline")</script>',
        standfirst: '"onerror="alert(1)" <b>',
        dateline: { place: '<i onmouseover=alert(1)>Kyiv</i>', date: '2025-11-21' },
        bylines: [{ name: '<svg onload=alert(1)>' }],
        body: exampleBodyWith({
          paragraph: { text: 'Hello <img src=x onerror=alert(1)> and [click me](javascript:alert(1)) and **"onerror=x**' },
          subheading: { text: '</h2><script>alert(2)</script>' },
          quote: { text: '[quote link](JAVASCRIPT:alert(3))', attribution: '<b onclick=alert(4)>Someone</b>' },
          list: { items: ['</li></ul><script>alert(10)</script>', '[item link](javascript:alert(11)) and <img src=x onerror=alert(12)>'] },
          image: { alt: '" onerror="alert(5)', caption: '<script>alert(6)</script>', credit: '"><img src=x>' },
          embed: { title: '<script>alert(9)</script>' },
          related: { headline: '</script><script>alert(7)</script>', teaser: '<iframe src=x>' },
        }),
      }),
      corrections: [{ note: '<script>alert(8)</script>', correctedAt: new Date('2025-11-21T10:00:00Z') }],
    });
    const page = renderArticlePage(hostile, site);

    it('renders inert: no script but the JSON-LD block, no event handlers, no script URLs', () => {
      expectInert(page);
      expect(page).not.toContain('javascript:');
      expect(page).not.toContain('JAVASCRIPT:');
    });

    it('shows the hostile text as text', () => {
      expectFragments(page, [
        '<h1 class="headline">&lt;script&gt;alert(&quot;headline&quot;)&lt;/script&gt;</h1>',
        'Hello &lt;img src=x onerror=alert(1)&gt; and click me and <strong>&quot;onerror=x</strong>',
        '<title>&lt;script&gt;alert(&quot;headline&quot;)&lt;/script&gt; | Newsroom</title>',
        'alt="&quot; onerror=&quot;alert(5)"',
        'rel="noopener">&lt;script&gt;alert(9)&lt;/script&gt;</a>',
        '<span class="dateline">&lt;i onmouseover=alert(1)&gt;Kyiv&lt;/i&gt;, November 21 –</span>',
      ]);
    });

    it('keeps the structured data intact and unable to close its script element', () => {
      const data = jsonLd(page);
      expect(data.headline).toBe('<script>alert("headline")</script>');
      expect(page).toContain('\\u003cscript\\u003ealert(\\"headline\\")\\u003c/script\\u003e');
    });
  });

  describe('a normal article', () => {
    const article = testPublicArticle({ priority: 'breaking' });
    const page = renderArticlePage(article, site, [testPublicArticle({ id: 'other', slug: 'another-story', content: testContent({ headline: 'Another story' }) })]);

    it('looks like a news article: section label, headline, standfirst, bylines', () => {
      expect(page).toContain('<p class="kicker" lang="en" dir="ltr"><span class="badge">Breaking</span> <a href="/sections/politics">Politics</a></p>');
      expect(page).toContain('<h1 class="headline">Harbour council approves night-time crane ban</h1>');
      expect(page).toContain('<p class="standfirst">Residents won a two-year fight over noise; the port says costs will rise.</p>');
      expect(page).toContain('<div class="article-meta" lang="en" dir="ltr">\n<p class="byline">By <a class="author" href="/authors/olena-kravets"><bdi lang="en">Olena Kravets</bdi></a> and <a class="author" href="/authors/tom-reyes"><bdi lang="en">Tom Reyes</bdi></a></p>');
    });

    it('leads the first paragraph with the dateline', () => {
      expect(page).toContain('<p><span class="dateline">Gdańsk, November 21 –</span> The council voted <strong>7 to 2</strong> on Thursday');
      expect(page.match(/class="dateline"/g)).toHaveLength(1);
    });

    it('shows the absolute publication time in UTC and the relative time', () => {
      expect(page).toContain('<time datetime="2025-11-21T08:30:00.000Z">21 November 2025, 08:30 UTC</time> <span class="relative-time">1 day ago</span>');
      expect(page).not.toContain('class="updated"');
    });

    it('renders every block type', () => {
      expect(page).toContain('<h2>What changes</h2>');
      expect(page).toContain('<blockquote class="quote"><p>“We can finally sleep.”</p><footer>— <cite>A resident of Nowy Port</cite></footer></blockquote>');
      expect(page).toContain(
        '<figure class="figure"><img src="https://images.example.org/cranes.jpg" alt="Cranes at dusk" loading="lazy" decoding="async"><figcaption>The eastern quay. <span class="credit">Port archive</span></figcaption></figure>',
      );
      expect(page).toContain('<a href="https://video.example.org/watch/4821" rel="noopener">The vote</a>');
      expect(page).toMatch(/<aside class="related">.*<a href="https:\/\/example.org\/news\/port-expansion" rel="noopener">Port expansion approved<\/a><p>Earlier this year.<\/p><p class="related-time"><time datetime="2025-11-20T17:05:00.000Z" lang="en" dir="ltr">1 day ago<\/time><\/p><\/aside>/);
      expect(page).toContain('<p>The ban starts in <em>March</em>. Read <a href="https://example.org/order" rel="noopener">the order</a>.</p>');
    });

    it('has share buttons for email, X, Facebook, LinkedIn and WhatsApp that post to this site, and no count before a share', () => {
      const forms = [...page.matchAll(/<form class="share-form" method="post" action="([^"]+)"><button type="submit" class="share-(\w+)">/g)].map((match) => [match[1], match[2]]);
      expect(forms).toEqual(
        ['email', 'x', 'facebook', 'linkedin', 'whatsapp'].map((network) => [`/articles/harbour-council-approves-night-time-crane-ban/share/${network}`, network]),
      );
      expect(page).not.toContain('share-count');
    });

    it('shows how often the story was shared', () => {
      expect(renderArticlePage(article, site, [], 12)).toContain('<span class="share-count">Shared 12 times</span>');
      expect(renderArticlePage(article, site, [], 1)).toContain('Shared once');
      const kyiv = testSite({ language: 'uk' });
      expect(renderArticlePage(article, kyiv, [], 3)).toContain('Поширено 3 рази');
      expect(renderArticlePage(article, kyiv, [], 11)).toContain('Поширено 11 разів');
    });

    it('has the canonical link, link previews and NewsArticle data', () => {
      const url = `${BASE}/articles/harbour-council-approves-night-time-crane-ban`;
      expect(page).toContain(`<link rel="canonical" href="${url}">`);
      expect(page).toContain('<meta property="og:title" content="Harbour council approves night-time crane ban">');
      expect(page).toContain('<meta property="og:image" content="https://images.example.org/cranes.jpg">');
      expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
      expect(jsonLd(page)).toMatchObject({
        '@type': 'NewsArticle',
        url,
        headline: 'Harbour council approves night-time crane ban',
        datePublished: '2025-11-21T08:30:00.000Z',
        author: [{ '@type': 'Person', name: 'Olena Kravets' }, { '@type': 'Person', name: 'Tom Reyes' }],
        publisher: { '@type': 'Organization', name: 'Newsroom' },
      });
      // schema.org's wordCount: the body's words as the desk counts them.
      expect(jsonLd(page).wordCount).toBe(bodyWordCount(article.content.body, article.content.language));
      expect(jsonLd(page).wordCount).toBeGreaterThan(0);
    });

    it('links the stylesheet, not inline styles, and the navigation marks the section', () => {
      expect(page).toContain('<link rel="stylesheet" href="/static/site.css">');
      expect(page).not.toMatch(/<style|style="/);
      expect(page).toContain('<a href="/sections/politics" aria-current="page">Politics</a>');
      expect(page).toContain('<a href="/sections/climate-change">Climate change</a>');
    });

    it('lists its related stories', () => {
      expect(page).toContain('<h2 id="related-heading" class="rule-heading">Related stories</h2>');
      expect(page).toContain('<a href="/articles/another-story">Another story</a>');
    });

    it('is inert', () => expectInert(page));
  });

  describe('a corrected article', () => {
    const page = renderArticlePage(
      testPublicArticle({
        correctedAt: new Date('2025-11-21T12:00:00Z'),
        updatedAt: new Date('2025-11-21T12:00:00Z'),
        corrections: [{ note: 'An earlier version gave the wrong vote count.', correctedAt: new Date('2025-11-21T12:00:00Z') }],
      }),
      site,
    );

    it('says when it was corrected and shows the note', () => {
      expect(page).toContain('<span class="updated">Corrected <time datetime="2025-11-21T12:00:00.000Z">21 November 2025, 12:00 UTC</time></span>');
      expect(page).toMatch(/<aside class="corrections-notice"[^>]*>\s*<h2[^>]*>Correction<\/h2>/);
      expect(page).toContain('An earlier version gave the wrong vote count.');
    });
  });

  it('says "Updated" when a newer revision replaced the text', () => {
    const at = new Date('2025-11-21T15:00:00Z');
    const page = renderArticlePage(testPublicArticle({ updatedAt: at, revisedAt: at }), site);
    expect(page).toContain('<span class="updated">Updated <time datetime="2025-11-21T15:00:00.000Z">21 November 2025, 15:00 UTC</time></span>');
    expect(page).not.toContain('Corrected');
  });

  it('says both when an update was later corrected, and neither for a correction-free first text', () => {
    const both = renderArticlePage(
      testPublicArticle({ revisedAt: new Date('2025-11-21T15:00:00Z'), correctedAt: new Date('2025-11-21T16:00:00Z'), updatedAt: new Date('2025-11-21T16:00:00Z') }),
      site,
    );
    expect(both).toMatch(/Updated <time datetime="2025-11-21T15:00:00.000Z">[^<]*<\/time><\/span><span class="updated">Corrected <time datetime="2025-11-21T16:00:00.000Z">/);
    expect(renderArticlePage(testPublicArticle(), site)).not.toContain('class="updated"');
  });

  describe('an Arabic article', () => {
    const page = renderArticlePage(
      testPublicArticle({
        content: testContent({
          headline: 'المجلس يوافق على حظر الرافعات ليلاً (7 مقابل 2)',
          standfirst: 'فاز السكان بمعركة استمرت عامين.',
          dateline: { place: 'القاهرة', date: '2025-11-21' },
          language: 'ar',
        }),
      }),
      site,
    );

    it('is set right to left with its language, inside the site’s left-to-right frame', () => {
      expectFragments(page, [
        '<html lang="en" dir="ltr">',
        '<article class="article" lang="ar" dir="rtl">',
        // The interface's English date keeps its order inside the right-to-left article.
        '<div class="article-meta" lang="en" dir="ltr">',
        '<time datetime="2025-11-21T08:30:00.000Z">21 November 2025, 08:30 UTC</time>',
        '<blockquote class="quote"><p>«',
        '<span class="dateline">القاهرة، 21 نوفمبر –</span>',
      ]);
      expect(scriptRisks(page)).toEqual([]);
    });
  });

  describe('on a Kyiv newsroom’s site (Ukrainian interface, Europe/Kyiv)', () => {
    const kyiv = testSite({ name: 'Київські новини', language: 'uk', timeZone: 'Europe/Kyiv', sections: [{ slug: 'politics', label: 'Політика' }] });
    const page = renderArticlePage(
      testPublicArticle({ revisedAt: new Date('2025-11-21T10:15:00Z'), updatedAt: new Date('2025-11-21T10:15:00Z') }),
      kyiv,
    );

    it('labels the interface in Ukrainian, shows local times with their zone and relative times in Ukrainian', () => {
      expectFragments(page, [
        '<html lang="uk" dir="ltr">',
        '<a class="brand" href="/">Київські новини</a>',
        '<li><a href="/sections/politics" aria-current="page">Політика</a></li>',
        '<time datetime="2025-11-21T08:30:00.000Z">21 листопада 2025 р., 10:30 EET</time> <span class="relative-time">1 день тому</span>',
        'Оновлено <time datetime="2025-11-21T10:15:00.000Z">21 листопада 2025 р., 12:15 EET</time>',
        '<p class="byline">Автор: <a class="author" href="/authors/olena-kravets"><bdi lang="en">Olena Kravets</bdi></a> і',
        'Час указано за часовим поясом Europe/Kyiv.',
        '<p class="masthead-date">субота, 22 листопада 2025 р.</p>',
      ]);
    });
  });
});

