/**
 * The site's section list across the newsroom, each service its own process: an admin changes
 * publishing's list, publishing announces it on its topic, and notifications (which sections a
 * reader may follow), editorial review (the SECTION_UNKNOWN check) and drafting (the draft
 * checks) follow it; the public navigation shows it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { NewsroomUnderTest, eventually } from './support/newsroom-under-test';

jest.setTimeout(240_000);

const admin = { role: 'admin' as const, user: 'sections-admin' };
const reporter = { role: 'reporter' as const, user: 'sections-reporter' };
const editor = { role: 'editor' as const, user: 'sections-editor' };

interface SectionList {
  items: { slug: string; label: string }[];
  version: number;
}
interface CheckResult {
  code: string;
}

describe('the managed section list, followed by every service', () => {
  let newsroom: NewsroomUnderTest;
  let db: Client;

  beforeAll(async () => {
    // SITE_SECTIONS is left at its default everywhere: politics, world, business, climate, science, culture.
    newsroom = await NewsroomUnderTest.start(['drafting', 'editorial-review', 'publishing', 'notifications'], { desk: false });
    db = new Client({ connectionString: newsroom.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await newsroom?.stop();
  });

  const article = (section: string): Record<string, unknown> => {
    const file = path.resolve(__dirname, '../tools/seed/articles/01-harwick-night-freight-ban.json');
    return { ...(JSON.parse(readFileSync(file, 'utf8').replaceAll('{{PUBLIC_BASE_URL}}', 'http://localhost:3003')) as Record<string, unknown>), section };
  };

  /** A story filed under `section`, submitted; the codes of the checks editorial review ran on it. */
  async function reviewChecksOf(section: string): Promise<string[]> {
    const created = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, article(section));
    expect(created.status).toBe(201);
    expect((await newsroom.call('drafting', 'POST', `/v1/drafts/${created.body.id}/submit`, reporter)).status).toBe(202);
    const review = await eventually(`the review of a ${section} story`, async () => {
      const response = await newsroom.call<{ checks: CheckResult[] }>('editorial-review', 'GET', `/v1/reviews/${created.body.id}`, editor);
      return response.status === 200 ? response.body : undefined;
    });
    return review.checks.map((check) => check.code);
  }

  const signUp = (email: string, section: string) => newsroom.call<{ error?: { code: string } }>('notifications', 'POST', '/v1/subscribers', null, { email, sections: [section] });
  const followedVersion = async (schema: string): Promise<number | undefined> =>
    ((await db.query(`SELECT version FROM ${schema}.site_sections`)).rows[0] as { version: number } | undefined)?.version;

  it('lets a reader follow, and a story use, a section only once an admin has added it', async () => {
    const seeded = await newsroom.call<SectionList>('publishing', 'GET', '/v1/site/sections', null);
    expect(seeded.body.version).toBe(1);
    expect(seeded.body.items.map((section) => section.slug)).toEqual(['politics', 'world', 'business', 'climate', 'science', 'culture']);
    // Every follower took the seeded list (the event publishing recorded when it first started).
    for (const schema of ['notifications', 'editorial_review', 'drafting']) await eventually(`${schema} at version 1`, async () => (await followedVersion(schema)) === 1 || undefined);

    const before = await signUp('early@readers.test', 'sport');
    expect(before.status).toBe(400);
    expect(before.body.error?.code).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(await reviewChecksOf('sport')).toContain('SECTION_UNKNOWN');

    const changed = await newsroom.call<SectionList>(
      'publishing',
      'PUT',
      '/v1/site/sections',
      admin,
      { items: [...seeded.body.items.filter((section) => section.slug !== 'climate'), { slug: 'sport', label: 'Sport' }] },
      { 'if-match': seeded.headers.get('etag') ?? '' },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    for (const schema of ['notifications', 'editorial_review', 'drafting']) await eventually(`${schema} at version 2`, async () => (await followedVersion(schema)) === 2 || undefined);

    expect((await signUp('later@readers.test', 'sport')).status).toBe(202);
    const retired = await signUp('late@readers.test', 'climate');
    expect(retired.status).toBe(400);
    expect(retired.body.error?.code).toBe('SUBSCRIBER.UNKNOWN_SECTION');

    expect(await reviewChecksOf('sport')).not.toContain('SECTION_UNKNOWN');
    expect(await reviewChecksOf('climate')).toContain('SECTION_UNKNOWN');

    const draft = await newsroom.call<{ id: string }>('drafting', 'POST', '/v1/drafts', reporter, article('sport'));
    const checks = await newsroom.call<{ items: CheckResult[] }>('drafting', 'GET', `/v1/drafts/${draft.body.id}/checks`, reporter);
    expect(checks.body.items.map((check) => check.code)).not.toContain('SECTION_UNKNOWN');

    const front = await fetch(newsroom.url('publishing', '/'), { headers: { accept: 'text/html' } }).then((response) => response.text());
    expect(front).toContain('<a href="/sections/sport">Sport</a>');
    expect(front).not.toContain('href="/sections/climate"');
  });
});
