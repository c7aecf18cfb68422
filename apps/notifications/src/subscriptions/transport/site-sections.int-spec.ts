import { createEvent, EVENT_TYPES, SITE_SECTIONS_SUBJECT, TOPICS } from '@newsroom/contracts';
import { startNotificationsWithMail, type NotificationsWithMail } from '../../../test/notifications-under-test';

/**
 * The sections a reader may follow are publishing's managed list, as it arrives on the publishing
 * topic (news.site.sections-changed.v1), with SITE_SECTIONS only until the first list arrives:
 * the running service, real PostgreSQL, broker and SMTP server.
 */
describe('the sections readers may follow (publishing\'s list over the broker)', () => {
  jest.setTimeout(90_000);

  let suite: NotificationsWithMail;

  beforeAll(async () => {
    suite = await startNotificationsWithMail('notifications_site_sections', { SITE_SECTIONS: 'politics=Politics,world=World' });
  }, 120_000);

  afterAll(() => suite?.close(), 60_000);

  /** The list as publishing's outbox publishes it, delivered and applied. */
  async function publishList(version: number, sections: { slug: string; label: string }[]): Promise<void> {
    const event = createEvent(EVENT_TYPES.siteSectionsChanged, { version, sections, changedAt: new Date().toISOString() }, { subject: SITE_SECTIONS_SUBJECT });
    await suite.bus.produce(TOPICS.publishing, event);
    await suite.service.handled(event.id);
  }
  const signUp = (email: string, sections: string[]) => suite.service.anonymous.post<{ error?: { code: string } }>('/v1/subscribers', { email, sections });
  const form = () => suite.service.anonymous.get('/subscribe', { headers: { accept: 'text/html' } });

  it('takes a new section from the next list, refuses a retired one, and ignores an older list arriving late', async () => {
    const before = await signUp('early@readers.test', ['sport']);
    expect(before.status).toBe(400);
    expect(before.body.error?.code).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect((await form()).text).not.toContain('value="sport"');

    await publishList(2, [
      { slug: 'politics', label: 'Politics' },
      { slug: 'sport', label: 'Sport' },
    ]);
    expect((await signUp('later@readers.test', ['sport'])).status).toBe(202);
    expect((await signUp('late@readers.test', ['world'])).status).toBe(400);
    const page = await form();
    expect(page.text).toContain('<input type="checkbox" name="sections" value="sport"> Sport</label>');
    expect(page.text).not.toContain('value="world"');

    // A replayed version 1 (World, no Sport) changes nothing.
    await publishList(1, [{ slug: 'world', label: 'World' }]);
    expect((await suite.service.sql('SELECT version FROM site_sections'))[0]).toEqual({ version: 2 });
    expect((await signUp('again@readers.test', ['sport'])).status).toBe(202);
  });
});
