import { testContent, testPublicArticle } from '../../../test/test-articles';
import { elementsNamed as find, parseXml, textOf as text } from '../../../test/xml';
import { renderFeed, sectionFeedScope, siteFeedScope, FEED_SIZE } from './syndication-feeds';

const BASE = 'https://news.example.org';
const SITE = { name: 'Newsroom', language: 'en', timeZone: 'UTC', sectionLabel: (slug: string) => (slug === 'politics' ? 'Politics' : slug) };
const now = new Date('2025-11-22T09:00:00Z');
const hostile = testPublicArticle({
  content: testContent({ headline: 'Tolls & <b>tunnels</b> ]]> rise', standfirst: 'A "quoted" <i>standfirst</i> ]]> ]]>' }),
  updatedAt: new Date('2025-11-21T10:00:00Z'),
});

describe('renderFeed', () => {
  it('writes RSS 2.0 that parses, with the canonical link, the title as plain text and the description as escaped HTML', () => {
    const doc = parseXml(renderFeed('rss', siteFeedScope(SITE), [hostile], BASE, now));
    const [item] = find(doc, 'item');
    expect(text(find(item, 'link')[0])).toBe(`${BASE}/articles/harbour-council-approves-night-time-crane-ban`);
    // RSS titles are plain text, read literally: one escaping (XML's own), not HTML's on top
    expect(text(find(item, 'title')[0])).toBe('Tolls & <b>tunnels</b> ]]> rise');
    expect(text(find(item, 'description')[0])).toBe('A &quot;quoted&quot; &lt;i&gt;standfirst&lt;/i&gt; ]]&gt; ]]&gt;');
    expect(text(find(item, 'content:encoded')[0])).toContain('<span class="dateline">Gdańsk, November 21 –</span>');
    expect(text(find(item, 'dc:creator')[0])).toBe('Olena Kravets and Tom Reyes');
    expect(text(find(item, 'pubDate')[0])).toBe('Fri, 21 Nov 2025 08:30:00 GMT');
    expect(find(doc, 'atom:link')[0].attributes?.href).toBe(`${BASE}/feeds/rss.xml`);
  });

  it.each([
    ["Hearth & Crumb moves O'Brien's \"tram\" plan"],
    ['Two ]]> and ]]> and ]]> in one headline'],
    ['Brackets ]]]> and ]]>]]> and ]]>>'],
    ['Київ & Львів <2026>'],
  ])('writes the RSS title %p exactly as typed, in a well-formed document', (headline) => {
    const story = testPublicArticle({ content: testContent({ headline }) });
    const xml = renderFeed('rss', siteFeedScope(SITE), [story], BASE, now);
    const [item] = find(parseXml(xml), 'item');
    expect(text(find(item, 'title')[0])).toBe(headline);
    expect(xml).not.toMatch(/[\u0000\u2060]/);
  });

  it('gives the bodies\' own words in the site\'s language and dates on its clock, in every format', () => {
    const related = testPublicArticle({
      content: testContent({ body: [{ type: 'related', url: 'https://example.org/news/aurora', headline: 'Аврора', publishedAt: '2025-11-20T22:30:00Z' }] }),
    });
    const kyiv = { ...SITE, language: 'uk', timeZone: 'Europe/Kyiv' };
    const rss = text(find(parseXml(renderFeed('rss', siteFeedScope(kyiv), [related], BASE, now)), 'content:encoded')[0]);
    const json = (JSON.parse(renderFeed('json', siteFeedScope(kyiv), [related], BASE, now)) as { items: { content_html: string }[] }).items[0].content_html;
    for (const body of [rss, json]) {
      expect(body).toContain('<span class="related-label" lang="uk" dir="ltr">Також читайте</span>');
      // 22:30 UTC on the 20th is past midnight in Kyiv: the 21st there.
      expect(body).toMatch(/<time datetime="2025-11-20T22:30:00.000Z" lang="uk" dir="ltr">21 листопада 2025/);
    }
  });

  it('writes Atom that parses, with published and updated times', () => {
    const doc = parseXml(renderFeed('atom', sectionFeedScope('politics', SITE), [hostile], BASE, now));
    const [entry] = find(doc, 'entry');
    expect(text(find(entry, 'id')[0])).toBe(`${BASE}/articles/harbour-council-approves-night-time-crane-ban`);
    expect(text(find(entry, 'published')[0])).toBe('2025-11-21T08:30:00.000Z');
    expect(text(find(entry, 'updated')[0])).toBe('2025-11-21T10:00:00.000Z');
    expect(find(doc, 'title')[0].elements?.[0].text).toBe('Newsroom: Politics');
    const self = find(doc, 'link').find((link) => link.attributes?.rel === 'self');
    expect(self?.attributes?.href).toBe(`${BASE}/sections/politics/feeds/atom.xml`);
  });

  it('writes JSON Feed with plain-text titles and HTML content', () => {
    const feed = JSON.parse(renderFeed('json', siteFeedScope(SITE), [hostile], BASE, now)) as {
      version: string;
      feed_url: string;
      items: { id: string; url: string; title: string; summary: string; content_html: string; date_published: string; tags: string[] }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${BASE}/feeds/feed.json`);
    expect(feed.items[0]).toMatchObject({
      url: `${BASE}/articles/harbour-council-approves-night-time-crane-ban`,
      title: 'Tolls & <b>tunnels</b> ]]> rise',
      date_published: '2025-11-21T08:30:00.000Z',
      tags: ['Politics', 'Ports', 'Noise pollution'],
    });
    expect(feed.items[0].content_html).toContain('<strong>7 to 2</strong>');
  });

  it(`carries at most ${FEED_SIZE} stories`, () => {
    const many = Array.from({ length: FEED_SIZE + 5 }, (_, i) => testPublicArticle({ id: `id-${i}`, slug: `story-${i}` }));
    const feed = JSON.parse(renderFeed('json', siteFeedScope(SITE), many, BASE, now)) as { items: unknown[] };
    expect(feed.items).toHaveLength(FEED_SIZE);
  });

  it('is still a valid document when empty', () => {
    expect(find(parseXml(renderFeed('rss', siteFeedScope(SITE), [], BASE, now)), 'channel')).toHaveLength(1);
  });
});

describe('renderFeed with `&`, `<` and a literal `&amp;` in names, labels and the site name', () => {
  // Words as the desk files them: "AT&T" is the tag `atandt`, labelled as typed.
  const story = testPublicArticle({
    content: testContent({
      tags: ['atandt', 'brexit'],
      tagLabels: { atandt: 'AT&T', brexit: '<Brexit>' },
      bylines: [{ name: 'Smith &amp; Jones' }, { name: 'Marks & Spencer' }],
    }),
  });
  const site = { ...SITE, name: 'News & <Co> &amp; more' };

  it('writes Atom that parses, with each category label and author name as typed', () => {
    const doc = parseXml(renderFeed('atom', siteFeedScope(site), [story], BASE, now));
    const [entry] = find(doc, 'entry');
    expect(find(entry, 'category').map((category) => category.attributes?.label)).toEqual(['Politics', 'AT&T', '<Brexit>']);
    expect(find(entry, 'name').map(text)).toEqual(['Smith &amp; Jones', 'Marks & Spencer']);
    expect(text(find(doc, 'title')[0])).toBe('News & <Co> &amp; more');
    expect(text(find(doc, 'generator')[0])).toBe('News & <Co> &amp; more');
    expect(text(find(doc, 'rights')[0])).toBe(`© 2025 News & <Co> &amp; more`);
  });

  it('writes RSS that parses, with each category, the creators and the channel as typed', () => {
    const doc = parseXml(renderFeed('rss', siteFeedScope(site), [story], BASE, now));
    const [item] = find(doc, 'item');
    expect(find(item, 'category').map(text)).toEqual(['Politics', 'AT&T', '<Brexit>']);
    expect(text(find(item, 'dc:creator')[0])).toBe('Smith &amp; Jones and Marks & Spencer');
    const [channel] = find(doc, 'channel');
    expect(text(channel.elements!.find((element) => element.name === 'title')!)).toBe('News & <Co> &amp; more');
    expect(text(find(channel, 'generator')[0])).toBe('News & <Co> &amp; more');
    expect(text(find(channel, 'description')[0])).toBe('The latest news from News & <Co> &amp; more.');
  });
});

describe('renderFeed with characters XML 1.0 cannot carry (stored before inputs refused them)', () => {
  /** Every character of the document is one XML 1.0 allows (its Char production). */
  const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const stored = testPublicArticle({ content: testContent() });
  Object.assign(stored.content, { headline: 'Crane ban\u001D starts', standfirst: 'Summary\u000B here' });
  (stored.content.body[0] as { text: string }).text = 'Backspace\u0008 and\uFFFE more';

  it.each([['rss' as const], ['atom' as const]])('still writes well-formed %s, keeping the rest of the text', (format) => {
    const document = renderFeed(format, siteFeedScope(SITE), [stored], BASE, now);
    expect(document).not.toMatch(NOT_XML);
    expect(document).toContain('Crane ban starts');
    expect(document).toContain('Summary here');
    expect(() => parseXml(document)).not.toThrow();
  });

  it('writes a section feed the same way', () => {
    expect(renderFeed('rss', sectionFeedScope('politics', SITE), [stored], BASE, now)).not.toMatch(NOT_XML);
  });
});
