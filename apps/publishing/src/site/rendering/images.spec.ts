import type { ImageBlock } from '@newsroom/contracts';
import { testContent, testPublicArticle, testSite } from '../../../test/test-articles';
import { renderJsonFeed, type JsonFeed } from '../feeds/json-feed';
import { toArticleView } from '../transport/article-api.views';
import { renderArticlePage } from './article-page';
import { imageSources, largestImage, responsiveImg } from './images';

const picture = {
  type: 'image',
  url: 'https://images.example.org/cranes.jpg',
  alt: 'Cranes at dusk',
  caption: 'The eastern quay.',
  credit: 'Port archive',
  width: 1600,
  height: 1000,
  renditions: [
    { url: 'https://images.example.org/cranes-2400.jpg', width: 2400, height: 1500 },
    { url: 'https://images.example.org/cranes-640.jpg', width: 640 },
  ],
};
const paragraph = { type: 'paragraph', text: 'The council voted on Thursday.' };

/** An article whose body is the given blocks. */
function withBody(...body: unknown[]) {
  return testPublicArticle({ content: testContent({ body }) });
}

function imageOf(article: ReturnType<typeof withBody>): ImageBlock {
  return article.content.body.find((block) => block.type === 'image') as ImageBlock;
}

describe('pictures of an article', () => {
  const sized = withBody(paragraph, paragraph, picture);

  it('know their sizes narrowest first, and the widest one', () => {
    expect(imageSources(imageOf(sized)).map((source) => source.width)).toEqual([640, 1600, 2400]);
    expect(largestImage(imageOf(sized)).url).toBe('https://images.example.org/cranes-2400.jpg');
    expect(largestImage(imageOf(withBody({ type: 'image', url: 'https://images.example.org/a.jpg', alt: 'a' }))).url).toBe('https://images.example.org/a.jpg');
  });

  it('render with width/height, srcset and sizes, lazily below the fold, captioned with the credit', () => {
    const page = renderArticlePage(sized, testSite());
    expect(page).toContain(
      '<figure class="figure"><img src="https://images.example.org/cranes.jpg" srcset="https://images.example.org/cranes-640.jpg 640w, https://images.example.org/cranes.jpg 1600w, https://images.example.org/cranes-2400.jpg 2400w" sizes="(min-width: 712px) 672px, 100vw" width="1600" height="1000" alt="Cranes at dusk" loading="lazy" decoding="async"><figcaption>The eastern quay. <span class="credit">Port archive</span></figcaption></figure>',
    );
  });

  it('load at once when the picture opens the article', () => {
    const page = renderArticlePage(withBody(picture, paragraph), testSite());
    expect(page).toMatch(/<img src="https:\/\/images.example.org\/cranes.jpg"[^>]* fetchpriority="high" decoding="async">/);
    expect(page).not.toMatch(/<figure class="figure"><img[^>]*loading="lazy"/);
  });

  it('take their proportions from a rendition when the block has no size, and have no srcset with nothing to choose from', () => {
    const img = responsiveImg({ ...imageOf(sized), width: undefined, height: undefined, renditions: [{ url: 'https://images.example.org/c-800.jpg', width: 800, height: 500 }] } as ImageBlock, {
      alt: 'x',
      sizes: '100vw',
    }).value;
    expect(img).toContain('srcset="https://images.example.org/c-800.jpg 800w"');
    expect(img).toContain('width="800" height="500"');
    const plain = responsiveImg({ type: 'image', url: 'https://images.example.org/a.jpg', alt: 'a' } as ImageBlock, { alt: 'a', sizes: '100vw' }).value;
    expect(plain).toBe('<img src="https://images.example.org/a.jpg" alt="a" loading="lazy" decoding="async">');
  });

  it('leave a URL with a comma out of srcset, where it would split in two', () => {
    const comma = { ...imageOf(sized), renditions: [{ url: 'https://images.example.org/c,w_640.jpg', width: 640 }] } as ImageBlock;
    expect(responsiveImg(comma, { alt: '', sizes: '100vw' }).value).not.toContain('c,w_640');
  });

  it('reach the link previews with the widest size', () => {
    const page = renderArticlePage(sized, testSite());
    expect(page).toContain('<meta property="og:image" content="https://images.example.org/cranes-2400.jpg">');
    expect(page).toContain('<meta property="og:image:width" content="2400">');
    expect(page).toContain('<meta property="og:image:height" content="1500">');
  });

  it('appear in the ninjs API as picture associations with their renditions', () => {
    const view = toArticleView(sized, 'https://news.example.org');
    expect(view.associations).toEqual({
      image1: {
        type: 'picture',
        uri: 'https://images.example.org/cranes.jpg',
        description_text: 'Cranes at dusk',
        body_text: 'The eastern quay.',
        byline: 'Port archive',
        renditions: {
          original: { href: 'https://images.example.org/cranes.jpg', width: 1600, height: 1000 },
          w640: { href: 'https://images.example.org/cranes-640.jpg', width: 640 },
          w2400: { href: 'https://images.example.org/cranes-2400.jpg', width: 2400, height: 1500 },
        },
      },
    });
    expect(toArticleView(withBody(paragraph), 'https://news.example.org').associations).toBeUndefined();
  });

  it('give the JSON Feed item its widest picture as `image`', () => {
    const head = { title: 'N', description: 'd', homePageUrl: 'https://news.example.org/', feedUrl: 'https://news.example.org/feeds/feed.json', publicBaseUrl: 'https://news.example.org', siteName: 'N', language: 'en', timeZone: 'UTC' };
    const feed = JSON.parse(renderJsonFeed(head, [sized])) as JsonFeed;
    expect(feed.items[0].image).toBe('https://images.example.org/cranes-2400.jpg');
  });
});
