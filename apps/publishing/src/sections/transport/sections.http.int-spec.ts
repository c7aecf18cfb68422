/**
 * The site's section list on the running publishing service (real PostgreSQL and broker):
 * seeded from SITE_SECTIONS, read by anyone, changed by admins with If-Match, every change
 * recorded in the outbox with it, and the navigation following it.
 */
import { EVENT_TYPES, TOPICS } from '@newsroom/contracts';
import type { ServiceUnderTest } from '@newsroom/test-harness';
import { PublishingUnderTest } from '../../../test/publishing-under-test';

jest.setTimeout(120_000);

interface SectionsBody {
  items: { slug: string; label: string }[];
  version: number;
}
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
interface OutboxRow {
  topic: string;
  message_key: string;
  payload: { type: string; subject: string; data: { version: number; sections: { slug: string; label: string }[] } };
}

describe('the site section list (publishing owns it)', () => {
  let publishing: PublishingUnderTest;
  let service: ServiceUnderTest;

  beforeAll(async () => {
    publishing = await PublishingUnderTest.start('publishing_site_sections', { PUBLIC_BASE_URL: 'https://news.example.org', SITE_SECTIONS: 'politics=Politics,world=World,climate' });
    service = publishing.service;
  });

  afterAll(() => publishing?.stop());

  const admin = () => service.as('admin', 'ada');
  const put = (items: unknown, ifMatch?: string, client = admin()) =>
    client.request<SectionsBody & ErrorBody>('PUT', '/v1/site/sections', { items }, ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } });
  const announced = () =>
    service.sql<OutboxRow & Record<string, unknown>>(`SELECT topic, message_key, payload FROM outbox WHERE event_type = $1 ORDER BY seq`, [EVENT_TYPES.siteSectionsChanged]);
  const current = async () => (await service.anonymous.get<SectionsBody>('/v1/site/sections')).body;

  it('starts from SITE_SECTIONS as version 1, announced once on the publishing topic under the constant key', async () => {
    const read = await service.anonymous.get<SectionsBody>('/v1/site/sections');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual({
      items: [
        { slug: 'politics', label: 'Politics' },
        { slug: 'world', label: 'World' },
        { slug: 'climate', label: 'Climate' },
      ],
      version: 1,
    });
    const events = await announced();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ topic: TOPICS.publishing, message_key: 'site:sections', payload: { subject: 'site:sections', data: { version: 1 } } });
  });

  it('seeds only once: a restart keeps the stored list and announces nothing', async () => {
    await service.restart();
    expect((await current()).version).toBe(1);
    expect(await announced()).toHaveLength(1);
  });

  it('lets only admins change it', async () => {
    const list = [{ slug: 'politics', label: 'Politics' }];
    expect((await put(list, '"1"', service.as('editor', 'eve'))).body.error.code).toBe('AUTH.FORBIDDEN');
    expect((await put(list, '"1"', service.as('editor', 'eve'))).status).toBe(403);
    expect((await put(list, '"1"', service.anonymous)).status).toBe(401);
    expect((await current()).version).toBe(1);
  });

  it.each([
    ['no section', []],
    ['a slug that is not one', [{ slug: 'Big News', label: 'Big news' }]],
    ['a blank label', [{ slug: 'politics', label: '   ' }]],
    ['a label of 61 characters', [{ slug: 'politics', label: 'p'.repeat(61) }]],
    ['a control character in a label', [{ slug: 'politics', label: 'Poli\u0007tics' }]],
    ['a slug twice', [{ slug: 'politics', label: 'Politics' }, { slug: 'politics', label: 'Again' }]],
    ['51 sections', Array.from({ length: 51 }, (_, i) => ({ slug: `section-${i}`, label: `Section ${i}` }))],
    ['an unknown field', [{ slug: 'politics', label: 'Politics', hidden: true }]],
    ['no list at all', 'politics'],
  ])('refuses %s with a coded 400 and changes nothing', async (_case, items) => {
    const answer = await put(items, '"1"');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toMatch(/^(REQUEST|INPUT)\./);
    expect((await current()).version).toBe(1);
    expect(await announced()).toHaveLength(1);
  });

  it('asks for If-Match (428) and refuses a malformed one (400)', async () => {
    const list = [{ slug: 'politics', label: 'Politics' }];
    const missing = await put(list);
    expect(missing.status).toBe(428);
    expect(missing.body.error.code).toBe('SECTIONS.VERSION_REQUIRED');
    expect((await put(list, 'latest')).status).toBe(400);
  });

  it('stores an admin\'s list at the next version, announces it in the same change, and the navigation follows', async () => {
    const next = [
      { slug: 'world', label: 'The world' },
      { slug: 'politics', label: '  Politics  ' },
      { slug: 'science', label: 'Science' },
    ];
    const changed = await put(next, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    const stored = [
      { slug: 'world', label: 'The world' },
      { slug: 'politics', label: 'Politics' },
      { slug: 'science', label: 'Science' },
    ];
    expect(changed.body).toEqual({ items: stored, version: 2 });
    expect(await current()).toEqual({ items: stored, version: 2 });

    const events = await announced();
    expect(events.map((event) => event.payload.data)).toEqual([expect.objectContaining({ version: 1 }), expect.objectContaining({ version: 2, sections: stored })]);
    expect(events[1]).toMatchObject({ topic: TOPICS.publishing, message_key: 'site:sections', payload: { type: EVENT_TYPES.siteSectionsChanged } });

    // Climate is retired: out of the navigation. Its page is no longer one of the managed ones.
    const front = await service.anonymous.get('/', { headers: { accept: 'text/html' } });
    expect(front.text).toContain('<li><a href="/sections/world">The world</a></li>');
    expect(front.text).toContain('<li><a href="/sections/science">Science</a></li>');
    expect(front.text).not.toContain('href="/sections/climate"');
    expect((await service.anonymous.get('/sections/science', { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('refuses a change made on an older version with 412, so two admins do not overwrite each other', async () => {
    const { version } = await current();
    const first = await put([{ slug: 'politics', label: 'Politics' }], `"${version}"`);
    expect(first.status).toBe(200);
    const second = await put([{ slug: 'culture', label: 'Culture' }], `"${version}"`);
    expect(second.status).toBe(412);
    expect(second.body.error).toMatchObject({ code: 'SECTIONS.VERSION_CONFLICT', details: { currentVersion: version + 1 } });
    expect((await current()).items).toEqual([{ slug: 'politics', label: 'Politics' }]);
    expect((await announced()).map((event) => event.payload.data.version)).toEqual([1, 2, version + 1]);
  });
});
