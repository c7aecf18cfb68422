/**
 * POST /v1/preview on the publishing service (real PostgreSQL and broker, as the service runs):
 * the public page's HTML for an article that is not published, marked and kept as a preview.
 */
import { exampleArticle } from '@newsroom/contracts';
import type { ServiceUnderTest } from '@newsroom/test-harness';
import { PublishingUnderTest } from '../../../test/publishing-under-test';

jest.setTimeout(120_000);

describe('article preview', () => {
  let publishing: PublishingUnderTest;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    publishing = await PublishingUnderTest.start('publishing_preview', { PUBLIC_BASE_URL: 'https://news.example.org', IMAGE_ORIGINS: 'http://localhost:3001,https://media.example.org' });
    service = publishing.service;
  });

  afterAll(() => publishing?.stop());

  const withUpload = () => ({
    ...exampleArticle(),
    headline: 'Harbour cranes return after the storm',
    body: [
      { type: 'paragraph', text: 'The **first** crane was back by noon.' },
      {
        type: 'image',
        url: 'https://media.example.org/v1/images/0123456789abcdef0123456789abcdef/1600.jpg',
        width: 1600,
        height: 1067,
        alt: 'Two cranes against a grey sky',
        renditions: [
          { url: 'https://media.example.org/v1/images/0123456789abcdef0123456789abcdef/640.webp', width: 640, height: 427 },
          { url: 'https://media.example.org/v1/images/0123456789abcdef0123456789abcdef/1600.webp', width: 1600, height: 1067 },
        ],
      },
    ],
  });

  it('renders the public article page with a preview banner, noindex and no caching', async () => {
    const response = await service.as('reporter', 'alice').post('/v1/preview', withUpload());

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store, private');
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow, noarchive');
    const page = response.text;
    // What the preview adds to the public page: the banner and the robots meta.
    expect(page).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
    expect(page).toContain('<strong>Preview</strong>');
    // The posted article reached the renderer whole, the upload's renditions included; how the
    // page marks up text and images is the renderer's own specs' business (rendering/*.spec.ts).
    expect(page).toContain('<h1 class="headline">Harbour cranes return after the storm</h1>');
    expect(page).toContain('srcset="https://media.example.org/v1/images/0123456789abcdef0123456789abcdef/640.webp 640w, https://media.example.org/v1/images/0123456789abcdef0123456789abcdef/1600.jpg 1600w"');
    // The site's policy lets the page load uploads from drafting, over http locally.
    expect(response.headers.get('content-security-policy')).toMatch(/img-src 'self' https:\/\/news\.example\.org http:\/\/localhost:3001 https:\/\/media\.example\.org https:/);
  });

  it('stores nothing and needs a reporter or an editor', async () => {
    expect((await service.as('editor', 'eve').post('/v1/preview', withUpload())).status).toBe(200);
    expect(await service.sql('SELECT count(*)::int AS n FROM articles')).toEqual([{ n: 0 }]);
    expect((await service.anonymous.post('/v1/preview', withUpload())).status).toBe(401);
  });

  it('answers an article drafting would refuse with a coded 400 listing the problems', async () => {
    const response = await service.as('reporter', 'alice').post<{ error: { code: string; details: { path: string }[] } }>('/v1/preview', {
      ...withUpload(),
      headline: '',
      colour: 'red',
      body: [{ type: 'image', url: 'https://media.example.org/a.jpg' }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(response.body.error.details.map((issue) => issue.path)).toEqual(expect.arrayContaining(['headline', 'colour', 'body.0.alt']));
  });
});
