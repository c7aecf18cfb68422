import { jsonFeedProblems } from '../../../test/json-feed';
import { testContent, testPublicArticle } from '../../../test/test-articles';
import { JSON_FEED_VERSION, renderJsonFeed, type JsonFeed } from './json-feed';

const head = {
  title: 'Newsroom',
  description: 'The latest news.',
  homePageUrl: 'https://news.example.org/',
  feedUrl: 'https://news.example.org/feeds/feed.json',
  publicBaseUrl: 'https://news.example.org',
  siteName: 'Newsroom',
  language: 'en',
  timeZone: 'UTC',
};

describe(renderJsonFeed.name, () => {
  const ukrainian = testPublicArticle({
    id: 'b',
    slug: 'kyiv',
    content: testContent({ headline: 'Київ <готується>', language: 'uk' }),
    updatedAt: new Date('2025-11-21T12:00:00Z'),
  });
  const feed = JSON.parse(renderJsonFeed(head, [testPublicArticle(), ukrainian])) as JsonFeed;

  it('is a valid JSON Feed 1.1 document', () => {
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(jsonFeedProblems(feed)).toEqual([]);
  });

  it('would be refused as 1.1 with a 1.0 author field or an item without content', () => {
    expect(jsonFeedProblems({ ...feed, author: { name: 'x' } })).not.toEqual([]);
    expect(jsonFeedProblems({ ...feed, items: [{ id: 'x', title: 'no content' }] })).not.toEqual([]);
  });

  it('gives each item its canonical URL as id, plain-text title, safe HTML, dates, authors, tags and language', () => {
    const item = feed.items[1];
    expect(item).toMatchObject({
      id: 'https://news.example.org/articles/kyiv',
      url: 'https://news.example.org/articles/kyiv',
      title: 'Київ <готується>',
      date_published: '2025-11-21T08:30:00.000Z',
      date_modified: '2025-11-21T12:00:00.000Z',
      authors: [{ name: 'Olena Kravets' }, { name: 'Tom Reyes' }],
      tags: ['Politics', 'Ports', 'Noise pollution'],
      language: 'uk',
      image: 'https://images.example.org/cranes.jpg',
    });
    expect(item.content_html).toContain('<strong>7 to 2</strong>');
    expect(item.content_html).toMatch(/^<div lang="uk" dir="ltr">/);
  });

  it('keeps an Arabic story right to left in the reader’s app', () => {
    const arabic = testPublicArticle({ content: testContent({ headline: 'خبر', language: 'ar' }) });
    const [item] = (JSON.parse(renderJsonFeed(head, [arabic])) as JsonFeed).items;
    expect(item.language).toBe('ar');
    expect(item.content_html).toMatch(/^<div lang="ar" dir="rtl">/);
  });
});
