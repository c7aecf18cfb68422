import { randomUUID } from 'node:crypto';
import { TOPICS } from '@newsroom/contracts';
import { eventually, type ServiceUnderTest, type TestEventBus } from '@newsroom/test-harness';
import type { FakeSmtpServer } from '../../../test/fake-smtp-server';
import { articlePublishedEvent } from '../../../test/fixtures';
import { SubscriberLinkSigner } from '../../shared/links/subscriber-link-signer';
import { startNotificationsWithMail, TEST_PUBLIC_BASE_URL as PUBLIC_BASE_URL, TEST_SITE as SITE, type NotificationsWithMail } from '../../../test/notifications-under-test';

/**
 * Subscribing from the site without JavaScript, end to end in this process: the site's form
 * posts urlencoded to /subscribe, the reader gets HTML pages and a confirmation email through
 * a real SMTP server, and only then alerts (from a published event on the broker).
 */
const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

describe('subscribing from the site (form, PostgreSQL, broker, SMTP server)', () => {
  jest.setTimeout(90_000);

  const NAME = 'notifications_subscribe_form';

  let suite: NotificationsWithMail;
  let smtp: FakeSmtpServer;
  let service: ServiceUnderTest;
  let bus: TestEventBus;

  beforeAll(async () => {
    // Every signup here comes from one client: its hourly budget is raised, the per-address one is what the last test checks.
    suite = await startNotificationsWithMail(NAME, {
      SITE_SECTIONS: 'politics=Politics,world=World,climate',
      SITE_NAME: 'Harwick Gazette',
      RATE_LIMITS: 'signup:client=30/1h',
    });
    ({ smtp, service, bus } = suite);
  }, 120_000);

  afterAll(() => suite?.close(), 60_000);

  const submit = (form: string) => service.anonymous.post('/subscribe', undefined, { raw: form, headers: FORM });
  const pathOf = (text: string | undefined, path: string) => new RegExp(`${PUBLIC_BASE_URL}(${path.replace('?', '\\?')}\\?token=[\\w.-]+)`).exec(text ?? '')?.[1];

  it('serves the form with the site\'s sections as checkboxes', async () => {
    const page = await service.anonymous.get('/subscribe', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="world"> World</label>');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="climate"> Climate</label>');
  });

  it('subscribes from a urlencoded form post: pending until the button behind the emailed link is pressed, then confirmed', async () => {
    const answer = await submit('email=form.reader%40example.com&sections=politics&sections=climate&tags=Harbour%2C+budget');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<title>Check your inbox · Harwick Gazette</title>');
    // Whose alerts these are, and the way to their site: the page is on this service's own address.
    expect(answer.text).toContain(`<header class="masthead"><a href="${SITE}/">Harwick Gazette</a></header>`);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await service.sql(`SELECT status, sections, tags FROM subscribers WHERE email = 'form.reader@example.com'`)).toEqual([
      { status: 'pending', sections: ['climate', 'politics'], tags: ['budget', 'harbour'] },
    ]);

    const mail = await eventually('the confirmation email', () => smtp.mailsTo('form.reader@example.com', /Confirm/)[0]);
    expect(mail.parsed.subject).toBe('Confirm your Harwick Gazette alerts');
    // Sections by the names readers know them, not their slugs.
    expect(mail.parsed.text).toContain('You asked for: every story in Climate and Politics, and every story tagged budget or Harbour.');
    const link = pathOf(mail.parsed.text, '/v1/subscribers/confirm')!;
    // Opening the link, as a mail scanner does, shows the button and confirms nothing.
    for (let scan = 0; scan < 2; scan += 1) {
      const opened = await service.anonymous.get(link, { headers: { accept: 'text/html' } });
      expect(opened.status).toBe(200);
      expect(opened.text).toContain('<title>Confirm your alerts · Harwick Gazette</title>');
      expect(opened.text).toContain('Harwick Gazette alerts for f•••@example.com: every story in Climate and Politics,');
      expect(opened.text).toContain(`<form method="post" action="${link.replace(/&/g, '&amp;')}">`);
    }
    expect(await service.sql(`SELECT status FROM subscribers WHERE email = 'form.reader@example.com'`)).toEqual([{ status: 'pending' }]);
    const confirmed = await service.anonymous.post(link);
    expect(confirmed.text).toContain('Subscription confirmed');
    expect(await service.sql(`SELECT status FROM subscribers WHERE email = 'form.reader@example.com'`)).toEqual([{ status: 'confirmed' }]);
    // The link opened again from the same e-mail says so, with no button that would do nothing.
    const again = await service.anonymous.get(link, { headers: { accept: 'text/html' } });
    expect(again.text).toContain('<title>Already confirmed');
    expect(again.text).not.toContain('<form');
  });

  it('leads back to the page of the site the form was on, and only to one', async () => {
    const back = await submit(`email=wayback%40example.com&sections=world&returnTo=${encodeURIComponent(`${SITE}/articles/port-reopens?from=box`)}`);
    expect(back.text).toContain(`<a href="${SITE}/articles/port-reopens?from=box">Back to where you were</a>`);
    const elsewhere = await submit(`email=wayback%40example.com&sections=world&returnTo=${encodeURIComponent('https://evil.example/phish')}`);
    expect(elsewhere.text).toContain(`<a href="${SITE}/">Back to the site</a>`);
    expect(elsewhere.text).not.toContain('evil.example');
  });

  it('gives the same page to an address that is subscribed already, and changes nothing', async () => {
    const answer = await submit('email=FORM.READER%40example.com&sections=world');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<title>Check your inbox · Harwick Gazette</title>');
    expect(await service.sql(`SELECT sections FROM subscribers WHERE lower(email) = 'form.reader@example.com'`)).toEqual([{ sections: ['climate', 'politics'] }]);
  });

  it('gives a reader who ticked nothing breaking news only, and reads typed tags as the slugs stories carry', async () => {
    expect((await submit('email=nothing.ticked%40example.com')).status).toBe(200);
    expect((await submit('email=nothing.either%40example.com&frequency=every-story')).status).toBe(200);
    expect((await submit('email=harle.reader%40example.com&tags=flooding%2C+River+Harle%2C+Gda%C5%84sk')).status).toBe(200);
    // a tag that would have to be cut is refused with the form, not followed cut short
    const long = await submit(`email=long.tag%40example.com&tags=harbour%2C+${'x'.repeat(41)}`);
    expect([long.status, long.text.includes('at most 50 tags of up to 40 characters each')]).toEqual([400, true]);
    expect(await service.sql(`SELECT email, sections, tags, frequency FROM subscribers WHERE email LIKE '%.%@example.com' AND email <> 'form.reader@example.com' ORDER BY email`)).toEqual([
      { email: 'harle.reader@example.com', sections: [], tags: ['flooding', 'gdansk', 'river-harle'], frequency: 'every-story' },
      { email: 'nothing.either@example.com', sections: [], tags: [], frequency: 'breaking-only' },
      { email: 'nothing.ticked@example.com', sections: [], tags: [], frequency: 'breaking-only' },
    ]);
    // A digest of nothing is still refused, in words a reader understands.
    const digest = await submit('email=digest.nothing%40example.com&frequency=daily-digest');
    expect(digest.status).toBe(400);
    expect(digest.text).toContain('Error code: SUBSCRIBER.NO_INTERESTS');
    expect(digest.text).toContain('breaking news only');
    expect(digest.text).not.toContain('breakingOnly');
  });

  it('names the tags a reader typed in their own words (Київ, not kiyiv) until a story names them, and never over a story\'s words', async () => {
    // A story named `zhytomyr-rail` already; no story has named `kiyiv`.
    await service.sql(`INSERT INTO tag_names (tag, name, named_at) VALUES ('zhytomyr-rail', 'Zhytomyr Rail', now())`);
    expect((await submit('email=kyiv.reader%40example.com&tags=%D0%9A%D0%B8%D1%97%D0%B2%2C+ZHYTOMYR+rail')).status).toBe(200);
    expect(await service.sql(`SELECT tags FROM subscribers WHERE email = 'kyiv.reader@example.com'`)).toEqual([{ tags: ['kiyiv', 'zhytomyr-rail'] }]);
    const mail = await eventually('the confirmation email', () => smtp.mailsTo('kyiv.reader@example.com', /Confirm/)[0]);
    expect(mail.parsed.text).toContain('every story tagged Київ or Zhytomyr Rail.');
    const link = pathOf(mail.parsed.text, '/v1/subscribers/confirm')!;
    expect((await service.anonymous.get(link, { headers: { accept: 'text/html' } })).text).toContain('every story tagged Київ or Zhytomyr Rail');

    // A story's words, when one comes, are the tag's name from then on.
    await bus.produce(TOPICS.publishing, articlePublishedEvent({ tags: ['kiyiv'], tagLabels: { kiyiv: 'КИЇВ' } }));
    await eventually('the story\'s words kept', async () => ((await service.sql(`SELECT name FROM tag_names WHERE tag = 'kiyiv'`))[0]?.name === 'КИЇВ' ? true : undefined));
    // A reader typing it otherwise afterwards changes nothing.
    expect((await submit('email=kyiv.other%40example.com&tags=%D0%BA%D0%B8%D1%97%D0%B2')).status).toBe(200);
    // The preference page keeps a reader's words as the sign-up does: "Львів" names `lviv`.
    const [{ id }] = await service.sql<{ id: string }>(`SELECT id::text FROM subscribers WHERE email = 'kyiv.reader@example.com'`);
    const token = new SubscriberLinkSigner(`${NAME}-subscriber-link-secret`).sign(id, 'email', 'manage');
    const saved = await service.anonymous.post(`/preferences?token=${token}`, undefined, { raw: 'tags=%D0%9B%D1%8C%D0%B2%D1%96%D0%B2%2C+kiyiv', headers: FORM });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('name="tags" value="КИЇВ, Львів"');
    expect(await service.sql(`SELECT tag, name FROM tag_names WHERE tag IN ('kiyiv', 'zhytomyr-rail') ORDER BY tag`)).toEqual([
      { tag: 'kiyiv', name: 'КИЇВ' },
      { tag: 'zhytomyr-rail', name: 'Zhytomyr Rail' },
    ]);
  });

  it('refuses a section the site does not have with a 400 page (and the API with coded JSON)', async () => {
    const page = await submit('email=typo%40example.com&sections=politcs');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Error code: SUBSCRIBER.UNKNOWN_SECTION');
    // a refusal is not a dead end: the way back to the site
    expect(page.text).toContain(`<a href="${SITE}/">Back to the site</a>`);

    const api = await service.anonymous.post<{ error: { code: string } }>('/v1/subscribers', { email: 'typo@example.com', sections: ['politcs'] });
    expect(api.status).toBe(400);
    expect(api.body.error.code).toBe('SUBSCRIBER.UNKNOWN_SECTION');
    expect(await service.sql(`SELECT 1 FROM subscribers WHERE email = 'typo@example.com'`)).toEqual([]);
  });

  it('refuses a form body that is neither a form nor JSON for what it is (415), not for the fields it seems to lack; nothing stored', async () => {
    const multipart = '--xx\r\nContent-Disposition: form-data; name="email"\r\n\r\nmultipart.reader@example.com\r\n--xx--\r\n';
    const page = await service.anonymous.post('/subscribe', undefined, { raw: multipart, headers: { 'content-type': 'multipart/form-data; boundary=xx', accept: 'text/html' } });
    expect([page.status, page.headers.get('content-type')]).toEqual([415, expect.stringMatching(/^text\/html/)]);
    expect(page.text).toContain('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(page.text).not.toContain('email is required');
    const api = await service.anonymous.post<{ error: { code: string } }>('/subscribe', undefined, { raw: 'email=text.reader@example.com', headers: { 'content-type': 'text/plain', accept: 'application/json' } });
    expect([api.status, api.body.error.code]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
    const token = new SubscriberLinkSigner(`${NAME}-subscriber-link-secret`).sign(randomUUID(), 'email', 'manage');
    const preferences = await service.anonymous.post<{ error: { code: string } }>(`/preferences?token=${token}`, undefined, { raw: 'sections=politics', headers: { 'content-type': 'text/plain', accept: 'application/json' } });
    expect([preferences.status, preferences.body.error.code]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
    expect(await service.sql(`SELECT 1 FROM subscribers WHERE email IN ('multipart.reader@example.com', 'text.reader@example.com')`)).toEqual([]);
  });

  it('gives a refused signup back as the form, with what was typed and what to fix in plain words; the API keeps its coded JSON', async () => {
    const [{ count: before }] = await service.sql<{ count: number }>(`SELECT count(*)::int AS count FROM subscribers`);
    const typed =
      'email=not-an-email&sections=world&sections=climate&tags=River+Harle%2C+a%22%3E%3Cscript%3E&frequency=daily-digest' +
      `&timeZone=Europe%2FKyiv&quietHoursStart=22%3A00&quietHoursEnd=07%3A00&returnTo=${encodeURIComponent(`${SITE}/articles/port-reopens`)}`;
    const page = await submit(typed);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('<form method="post" action="/subscribe">');
    expect(page.text).toMatch(/<div class="error-summary" role="alert">[\s\S]*<a href="#email">Enter an e-mail address such as name@example.com<\/a>/);
    expect(page.text).toContain('name="email" required maxlength="254" autocomplete="email" value="not-an-email" aria-invalid="true" aria-describedby="email-error">');
    expect(page.text).not.toContain('must be an email');
    expect(page.text).toContain('Error code: REQUEST.VALIDATION_FAILED');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="world" checked> World</label>');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="climate" checked> Climate</label>');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="politics"> Politics</label>');
    expect(page.text).toContain('name="tags" value="River Harle, a&quot;&gt;&lt;script&gt;"');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('name="frequency" value="daily-digest" checked>');
    expect(page.text).toContain('name="timeZone" value="Europe/Kyiv"');
    expect(page.text).toContain('name="quietHoursStart" value="22:00">');
    expect(page.text).toContain('name="quietHoursEnd" value="07:00">');
    expect(page.text).toContain(`<input type="hidden" name="returnTo" value="${SITE}/articles/port-reopens">`);
    expect(await service.sql(`SELECT count(*)::int AS count FROM subscribers`)).toEqual([{ count: before }]);

    const api = await service.anonymous.post<{ error: { code: string; message: string; details: unknown } }>('/subscribe', undefined, {
      raw: typed,
      headers: { ...FORM, accept: 'application/json' },
    });
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(api.body.error).toEqual({ code: 'REQUEST.VALIDATION_FAILED', message: 'email must be an email', details: [{ path: 'email', message: 'email must be an email' }] });
  });

  it('gives a refused preference form back with every change the reader made, saving none of them; the API keeps its coded JSON', async () => {
    expect((await submit('email=prefs.reader%40example.com&sections=politics&tags=harbour')).status).toBe(200);
    const [{ id }] = await service.sql<{ id: string }>(`SELECT id::text FROM subscribers WHERE email = 'prefs.reader@example.com'`);
    const token = new SubscriberLinkSigner(`${NAME}-subscriber-link-secret`).sign(id, 'email', 'manage');
    const stored = `SELECT sections, tags, frequency, time_zone, quiet_hours_start, quiet_hours_end FROM subscribers WHERE id = $1`;
    const before = await service.sql(stored, [id]);
    expect(before).toEqual([{ sections: ['politics'], tags: ['harbour'], frequency: 'every-story', time_zone: 'UTC', quiet_hours_start: null, quiet_hours_end: null }]);

    // Quiet hours "from" without "until", with every other field changed.
    const changes = 'sections=world&sections=climate&tags=budget%2C+a%22%3E%3Cscript%3E&frequency=daily-digest&timeZone=Europe%2FKyiv&quietHoursStart=22%3A00&quietHoursEnd=';
    const post = (accept: string) =>
      service.anonymous.post<{ error: { code: string; message: string } }>(`/preferences?token=${token}`, undefined, { raw: changes, headers: { ...FORM, accept } });
    const page = await post('text/html');
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(`<form method="post" action="/preferences?token=${token}">`);
    expect(page.text).toContain('Your changes are not saved yet.');
    expect(page.text).toContain('<a href="#quietHoursEnd">Give both times for quiet hours (from and until), or leave both empty</a>');
    expect(page.text).toContain('<p class="error" id="quietHoursEnd-error">Give both times for quiet hours (from and until), or leave both empty</p>');
    expect(page.text).toContain('name="quietHoursEnd" value="" aria-invalid="true" aria-describedby="quietHoursEnd-error">');
    expect(page.text).not.toContain('HH:MM');
    expect(page.text).toContain('Error code: SUBSCRIBER.INVALID_PREFERENCES');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="world" checked> World</label>');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="climate" checked> Climate</label>');
    expect(page.text).toContain('<input type="checkbox" name="sections" value="politics"> Politics</label>');
    expect(page.text).toContain('name="tags" value="budget, a&quot;&gt;&lt;script&gt;"');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('name="frequency" value="daily-digest" checked>');
    expect(page.text).toContain('name="timeZone" value="Europe/Kyiv"');
    expect(page.text).toContain('name="quietHoursStart" value="22:00">');
    // What the reader still gets: the stored preferences, untouched.
    // Named as an earlier reader of this suite typed it ("Harbour"): no story has named the tag here.
    expect(page.text).toContain('You get: every story in Politics, and every story tagged Harbour.');
    expect(await service.sql(stored, [id])).toEqual(before);

    const api = await post('application/json');
    expect(api.status).toBe(400);
    expect(api.body).toEqual({
      error: { code: 'SUBSCRIBER.INVALID_PREFERENCES', message: 'quietHours needs a start and an end as HH:MM on the 24-hour clock, e.g. { "start": "22:00", "end": "07:00" }' },
    });
    expect(await service.sql(stored, [id])).toEqual(before);

    // A link that is not genuine keeps its error page: no form, and no one's preferences, behind it.
    const forged = await service.anonymous.post(`/preferences?token=${token.slice(0, -2)}xx`, undefined, { raw: changes, headers: FORM });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Error code: LINK.INVALID');
    expect(forged.text).not.toContain('<form');
  });

  // Refused before any route runs, by the request reading every service shares: still a page for a reader.
  it.each([
    ['a control character in a field', 'POST', '/preferences?token=v1.x.y', 'sections=politics&tags=harbour%0B', 400, 'INPUT.UNSUPPORTED_CHARACTER'],
    // (not /unsubscribe: RFC 8058 one-click bodies are never read there, so its link is checked instead)
    ['a byte that is not UTF-8', 'POST', '/preferences?token=v1.x.y', Buffer.from([...Buffer.from('sections=caf'), 0xe9]), 400, 'REQUEST.INVALID_UTF8'],
    ['a form over its size limit', 'POST', '/preferences?token=v1.x.y', `sections=politics&tags=${'x'.repeat(20_000)}`, 413, 'REQUEST.TOO_LARGE'],
    ['a method the page does not serve', 'PUT', '/preferences?token=v1.x.y', 'sections=politics', 405, 'ROUTE.METHOD_NOT_ALLOWED'],
  ])('answers %s on a subscriber page with an error page, not JSON', async (_what, method, path, form, status, code) => {
    const page = await service.anonymous.request(method, path, undefined, { raw: form, headers: { ...FORM, accept: 'text/html' } });
    expect(page.status).toBe(status);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(`Error code: ${code}`);
    expect(page.text).toContain(`<a href="${SITE}/">Back to the site</a>`);
    // An API client asking for JSON gets the coded JSON error.
    const json = await service.anonymous.request<{ error: { code: string } }>(method, path, undefined, { raw: form, headers: { ...FORM, accept: 'application/json' } });
    expect([json.status, json.body.error.code]).toEqual([status, code]);
  });

  it('makes one subscriber of x@bücher.example and x@xn--bcher-kva.example, who gets one alert', async () => {
    expect((await submit('email=x%40b%C3%BCcher.example&sections=politics')).status).toBe(200);
    // The SMTP server hands recipients over with the Unicode form of the domain (smtp-server decodes IDNA).
    const mailbox = 'x@bücher.example';
    const mail = await eventually('the confirmation email', () => smtp.mailsTo(mailbox, /Confirm/)[0]);
    await service.anonymous.post(pathOf(mail.parsed.text, '/v1/subscribers/confirm')!);
    expect((await service.anonymous.post('/v1/subscribers', { email: 'x@xn--bcher-kva.example', sections: ['politics'] })).status).toBe(202);
    expect(await service.sql(`SELECT email, status FROM subscribers WHERE email LIKE 'x@%'`)).toEqual([{ email: 'x@xn--bcher-kva.example', status: 'confirmed' }]);

    const event = articlePublishedEvent({ headline: 'Harbour vote passes', standfirst: 'Cranes stop at 11pm.' });
    await bus.produce(TOPICS.publishing, event);
    await eventually('the alert to the merged mailbox', () => smtp.mailsTo(mailbox, /Harbour vote/)[0]);
    await eventually('every alert handed over', async () => (await service.sql(`SELECT 1 FROM deliveries WHERE status IN ('pending', 'sending')`)).length === 0 || undefined);
    expect(smtp.mails.filter((received) => /Harbour vote/.test(received.parsed.subject ?? '')).map((received) => received.rcpt).sort()).toEqual([
      'form.reader@example.com',
      mailbox,
    ]);
    expect(smtp.mailsTo(mailbox, /Confirm/)).toHaveLength(1);
  });

  it('counts a click-through the site\'s service worker reports for that alert, and shows editors the count', async () => {
    const [{ article_id: articleId }] = await service.sql<{ article_id: string }>(`SELECT article_id FROM article_alerts WHERE headline = 'Harbour vote passes'`);
    const preflight = await service.anonymous.request('OPTIONS', '/v1/alert-clicks', undefined, { headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    const clicked = await service.anonymous.post('/v1/alert-clicks', { articleId, channel: 'push' }, { headers: { origin: SITE } });
    expect(clicked.status).toBe(204);
    // E-mail alerts link straight to the story: nothing reports their clicks, so one claimed is refused.
    const claimed = await service.anonymous.post<{ error: { code: string; message: string } }>('/v1/alert-clicks', { articleId, channel: 'email' }, { headers: { origin: SITE } });
    expect([claimed.status, claimed.body.error.code, claimed.body.error.message]).toEqual([400, 'REQUEST.VALIDATION_FAILED', expect.stringContaining('channel must be "push"')]);
    expect((await service.as('editor', 'editor-1').get(`/v1/alert-clicks?articleId=${articleId}`)).body).toEqual({ articleId, clicks: { push: 1, email: 0 } });
    expect((await service.anonymous.get(`/v1/alert-clicks?articleId=${articleId}`)).status).toBe(401);
  });

  it('lets the site\'s pages, and no other, call the push routes from a browser (CORS)', async () => {
    const preflight = await service.anonymous.request('OPTIONS', '/v1/push-subscriptions', undefined, {
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const key = await service.anonymous.get('/v1/push/vapid-public-key', { headers: { origin: SITE } });
    expect(key.headers.get('access-control-allow-origin')).toBe(SITE);
    const elsewhere = await service.anonymous.get('/v1/push/vapid-public-key', { headers: { origin: 'https://evil.example' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    const signup = await service.anonymous.post('/v1/subscribers', { email: 'cors@example.com', sections: ['world'] }, { headers: { origin: SITE } });
    expect(signup.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets editors find a reader, export the list as CSV and erase a reader\'s data; nobody else', async () => {
    const editor = service.as('editor', 'editor-1');
    const found = await editor.get<{ total: number; subscribers: { id: string; email: string; status: string }[] }>('/v1/subscribers?q=FORM.reader');
    expect(found.status).toBe(200);
    expect(found.body.subscribers).toEqual([expect.objectContaining({ email: 'form.reader@example.com', status: 'confirmed', frequency: 'every-story', timeZone: 'UTC', quietHours: null })]);
    expect((await service.anonymous.get('/v1/subscribers?q=form')).status).toBe(401);
    expect((await service.as('reporter', 'reporter-1').get('/v1/subscribers?q=form')).status).toBe(403);

    const csv = await editor.get('/v1/subscribers/export.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[0]).toBe('id,email,status,sections,tags,breaking_only,created_at,confirmed_at,unsubscribed_at,frequency,time_zone,quiet_hours');
    expect(csv.text).toContain(',form.reader@example.com,confirmed,climate politics,budget harbour,false,');

    const id = found.body.subscribers[0].id;
    expect((await editor.delete(`/v1/subscribers/${id}`)).status).toBe(204);
    expect((await editor.get<{ total: number }>('/v1/subscribers?q=form.reader')).body.total).toBe(0);
    expect((await editor.get('/v1/subscribers/export.csv')).text).not.toContain('form.reader@');
    expect((await editor.delete(`/v1/subscribers/${randomUUID()}`)).status).toBe(404);
  });

  it('answers a browser at an address nothing serves with a page, and API clients with the coded JSON', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    // `/v1/subscribers/confir`: a confirmation link cut short, which the editors' DELETE /v1/subscribers/:id matches by pattern
    for (const path of ['/unsub', '/confirm?token=cut-short', '/preferences/extra', '/v1/subscribers/confir']) {
      const page = await service.anonymous.get(path, { headers: browser });
      expect([path, page.status, page.headers.get('content-type')]).toEqual([path, 404, expect.stringMatching(/^text\/html/)]);
      expect(page.text).toContain('There is no page at this address. If you followed a link from one of our e-mails, it may have been cut short');
      expect(page.text).toContain(`<header class="masthead"><a href="${SITE}/">Harwick Gazette</a></header>`);
      expect(page.headers.get('vary')).toMatch(/\bAccept\b/);
    }
    for (const accept of ['application/json', '*/*']) {
      const api = await service.anonymous.get<{ error: { code: string } }>('/unsub', { headers: { accept } });
      expect([accept, api.status, api.body.error.code]).toEqual([accept, 404, 'ROUTE.NOT_FOUND']);
      // an API client still learns which methods the pattern answers
      const method = await service.anonymous.get('/v1/subscribers/confir', { headers: { accept } });
      expect([accept, method.status, method.headers.get('allow')]).toEqual([accept, 405, 'DELETE, OPTIONS']);
    }
  });

  it('keeps the signup rate limit on the form: a fourth signup for one address within the hour is 429', async () => {
    for (let n = 0; n < 3; n += 1) expect((await submit('email=busy%40example.com&sections=world')).status).toBe(200);
    const limited = await submit('email=busy%40example.com&sections=world');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
