import { testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { renderArticlePage } from './article-page';
import { renderPage, type SiteContext } from './layout';
import { subscribeBox } from './subscribe-box';
import { html } from '@newsroom/html';

const site = (overrides: Partial<SiteContext> = {}): SiteContext =>
  testSite({
    sections: [
      { slug: 'politics', label: 'Politics' },
      { slug: 'world', label: 'World & "more"' },
    ],
    alertsUrl: 'https://alerts.example',
    ...overrides,
  });

describe(subscribeBox.name, () => {
  it('is a plain form posting to the notifications service, every site section a checkbox, the page\'s own ticked', () => {
    const box = subscribeBox(site(), 'https://alerts.example', { section: 'world' }).value;
    expect(box).toContain('<form class="subscribe-form" method="post" action="https://alerts.example/subscribe">');
    expect(box).toContain('<input id="subscribe-email" type="email" name="email" required');
    expect(box).toContain('<input type="checkbox" name="sections" value="politics"> Politics</label>');
    expect(box).toContain('<input type="checkbox" name="sections" value="world" checked> World &amp; &quot;more&quot;</label>');
    expect(box).toContain('name="breakingOnly" value="on"');
  });

  it('offers the page\'s topic to follow, ticked, named as readers see it, beside the sections unticked', () => {
    const box = subscribeBox(site(), 'https://alerts.example', { tag: { slug: 'kiyiv', name: 'Київ <b>' } }).value;
    expect(box).toContain('<legend>Topics</legend>\n<label><input type="checkbox" name="tags" value="kiyiv" checked> <bdi>Київ &lt;b&gt;</bdi></label>');
    expect(box).toContain('<input type="checkbox" name="sections" value="politics"> Politics</label>');
    expect(box).not.toMatch(/name="sections" value="[^"]+" checked/);
    expect(subscribeBox(site(), 'https://alerts.example', { section: 'world' }).value).not.toContain('name="tags"');
  });

  it('keeps the push button hidden until the script finds a browser that can take push', () => {
    expect(subscribeBox(site(), 'https://alerts.example', {}, 'https://news.example/articles/a?x=1&y=2').value).toContain(
      '<input type="hidden" name="returnTo" value="https://news.example/articles/a?x=1&amp;y=2">',
    );
    expect(subscribeBox(site(), 'https://alerts.example').value).not.toContain('returnTo');
    expect(subscribeBox(site(), 'https://alerts.example').value).toMatch(/<button type="button" class="get-alerts" data-alerts-url="https:\/\/alerts.example"[^>]* hidden>Get alerts in this browser<\/button>/);
  });

  it('speaks the interface language', () => {
    expect(subscribeBox(site({ language: 'uk' }), 'https://alerts.example').value).toContain('Підписатися');
  });
});

describe('the signup box in the page shell', () => {
  it('comes with the alerts script on pages that ask for it', () => {
    const page = renderPage(site(), { title: 'Front', subscribe: {} }, html`<p>stories</p>`);
    expect(page).toContain('<script src="/alerts.js" defer></script>');
    expect(page).toContain('class="subscribe-box"');
  });

  it('is absent from other pages, and when the site offers no alerts', () => {
    expect(renderPage(site(), { title: 'Search' }, html`<p>results</p>`)).not.toContain('subscribe-box');
    const withoutAlerts = renderPage(site({ alertsUrl: undefined }), { title: 'Front', subscribe: {} }, html`<p>stories</p>`);
    expect(withoutAlerts).not.toContain('subscribe-box');
    expect(withoutAlerts).not.toContain('<script');
  });
});

describe('the signup box on an article page', () => {
  const article = testPublicArticle({ content: testContent({ section: 'politics' }) });
  const articleSite = site({ sections: [{ slug: 'politics', label: 'Politics' }, { slug: 'world', label: 'World' }] });

  it('ticks the story\'s section, and loads only the site\'s own script besides the structured data', () => {
    const page = renderArticlePage(article, articleSite);
    expect(page).toContain('value="politics" checked>');
    expect(page).toContain('value="world">');
    expect(page.match(/<script\b[^>]*>/gi)).toEqual(['<script src="/alerts.js" defer>', '<script type="application/ld+json">']);
  });

  it('is not on an editor\'s preview', () => {
    expect(renderArticlePage(article, articleSite, [], 0, { robots: 'noindex' })).not.toContain('subscribe-box');
  });
});
