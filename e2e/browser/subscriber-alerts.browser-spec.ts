/**
 * Reader alerts in Debian's chromium (playwright-core), against publishing and notifications
 * running as processes on a real broker, PostgreSQL and SMTP catcher:
 *
 * - with JavaScript off, a reader subscribes with the form on a story's page (a urlencoded POST
 *   to notifications' /subscribe), follows the confirmation link, presses its button and reaches
 *   the preference page;
 * - with JavaScript on, the story's page registers the service worker (/sw.js, scope `/`), and a
 *   push message delivered through the DevTools protocol (`ServiceWorker.deliverPushMessage`)
 *   shows a notification with the story's title and standfirst.
 *
 * Screenshots of the form, the preference page and the confirmation email go into
 * tmp/subscriber-screenshots/ (not in CI: screenshotsWanted).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createEvent, EVENT_TYPES, exampleArticle, TOPICS, type ArticleApprovedData } from '@newsroom/contracts';
import { TestEventBus } from '@newsroom/test-harness';
import { WORKSPACE_ROOT, CHROMIUM_ARGS, ensureChromium, screenshotToLookAt, type PushSubscriptionJSON } from '@newsroom/testing';
import { NewsroomUnderTest, eventually } from '../support/newsroom-under-test';

jest.setTimeout(240_000);

const SHOTS = path.join(WORKSPACE_ROOT, 'tmp/subscriber-screenshots');
const VIEWPORT = { width: 1100, height: 900 };

describe('reader alerts in a browser', () => {
  let newsroom: NewsroomUnderTest;
  let browser: Browser;
  let storyUrl: string;
  const headline = 'Harbour cranes return after the storm';
  const standfirst = 'The first crane was back by noon.';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const executablePath = ensureChromium();
    [newsroom, browser] = await Promise.all([
      NewsroomUnderTest.start(['publishing', 'notifications'], { desk: false }),
      chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] }),
    ]);
    storyUrl = await publishStory(headline, standfirst);
  });

  /** A politics story goes live as editorial review's approval would make it; resolves to its page's address. */
  async function publishStory(title: string, summary: string): Promise<string> {
    const articleId = randomUUID();
    const bus = new TestEventBus(newsroom.broker.brokers);
    try {
      const data = {
        articleId,
        revision: 1,
        authorId: 'reporter-1',
        editorId: 'editor-1',
        approvedAt: new Date().toISOString(),
        priority: 'normal' as const,
        article: { ...exampleArticle(), headline: title, standfirst: summary, section: 'politics' },
      } as unknown as ArticleApprovedData;
      await bus.produce(TOPICS.review, createEvent(EVENT_TYPES.articleApproved, data, { subject: articleId }));
    } finally {
      await bus.close();
    }
    const live = await eventually('the story to go live', async () => {
      const response = await newsroom.call<{ uri?: string }>('publishing', 'GET', `/v1/articles/${articleId}`, null);
      return response.status === 200 ? response.body : undefined;
    });
    return live.uri!;
  }

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  const shot = (page: Page, name: string) => screenshotToLookAt(page, path.join(SHOTS, `${name}.png`));

  /**
   * Headless Chromium has no push service to subscribe with: the browser's PushManager hands out
   * subscriptions the test push inbox made (their endpoints and keys are real to the notifications
   * service), and keeps the one subscribed for later pages as a browser would: the first, or the
   * one localStorage's "test-push-generation" (1-based) names. Everything else is the site's own script.
   */
  async function holdPushSubscriptions(context: BrowserContext, subscriptions: PushSubscriptionJSON[]): Promise<void> {
    // A string: the page's globals (PushManager, localStorage) are the browser's, not this process's.
    await context.addInitScript({
      content: `(() => {
        const subscriptions = ${JSON.stringify(subscriptions)};
        const held = () => {
          const json = subscriptions[Number(localStorage.getItem('test-push-generation') || '1') - 1];
          const unsubscribe = () => {
            localStorage.removeItem('test-push-subscribed');
            return Promise.resolve(true);
          };
          return { endpoint: json.endpoint, expirationTime: null, options: {}, toJSON: () => json, unsubscribe };
        };
        const subscribed = () => localStorage.getItem('test-push-subscribed') === '1';
        PushManager.prototype.getSubscription = () => Promise.resolve(subscribed() ? held() : null);
        PushManager.prototype.subscribe = () => {
          localStorage.setItem('test-push-subscribed', '1');
          return Promise.resolve(held());
        };
      })();`,
    });
  }

  it('opens a section page on a phone with its own tab in view in the sideways-scrolling navigation', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${newsroom.url('publishing')}/sections/culture`);
    const tab = page.locator('.section-nav a[aria-current="page"]');
    expect(await tab.textContent()).toBe('Culture');
    const box = (await tab.boundingBox())!;
    // The row is wider than the phone: without the initial scroll Culture sits past its right edge.
    expect(await page.locator('.section-nav ul').evaluate((list) => list.scrollWidth > list.clientWidth)).toBe(true);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('shows the subscriber pages in the site\'s look, in the reader\'s light or dark setting', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false, colorScheme });
      const page = await context.newPage();
      const look = () =>
        page.evaluate(`(() => {
          const styleOf = (element) => (element ? getComputedStyle(element) : undefined);
          const body = styleOf(document.body);
          const brand = styleOf(document.querySelector('.brand, .masthead a'));
          const heading = styleOf(document.querySelector('h1'));
          return { background: body.backgroundColor, ink: body.color, brandFont: brand?.fontFamily, headingFont: heading?.fontFamily };
        })()`) as Promise<{ background: string; ink: string; brandFont?: string; headingFont?: string }>;
      await page.goto(storyUrl);
      const site = await look();
      await page.goto(`${newsroom.url('notifications')}/subscribe`);
      const subscribe = await look();
      expect({ scheme: colorScheme, ...subscribe }).toEqual({ scheme: colorScheme, background: site.background, ink: site.ink, brandFont: site.brandFont, headingFont: site.headingFont });
      await shot(page, `subscribe-${colorScheme}`);
      await context.close();
    }
  });

  it('subscribes with the story page\'s form without JavaScript, confirms by email and reaches the preference page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(storyUrl);
    const box = page.locator('.subscribe-box');
    await box.scrollIntoViewIfNeeded();
    await screenshotToLookAt(box, path.join(SHOTS, 'form.png'), false);
    // The story's section is ticked already; the reader adds another.
    expect(await page.isChecked('.subscribe-form input[value="politics"]')).toBe(true);
    await page.fill('#subscribe-email', 'browser.reader@example.com');
    await page.check('.subscribe-form input[value="world"]');
    await Promise.all([page.waitForURL(`${newsroom.url('notifications')}/subscribe`), page.click('.subscribe-form button[type=submit]')]);
    expect(await page.title()).toBe('Check your inbox · Newsroom');
    // The way back leads to the story the form was on.
    expect(await page.getAttribute('a:has-text("Back to where you were")', 'href')).toBe(storyUrl);

    const mail = await newsroom.mail.waitFor((caught) => caught.to.includes('browser.reader@example.com') && /Confirm/.test(caught.subject));
    const confirmUrl = /(http:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+)/.exec(mail.text)![1];
    const letter = await context.newPage();
    await letter.setContent(mail.html ?? '');
    await shot(letter, 'confirmation-email');

    // The link opens a page whose button confirms: a mail scanner that opens it confirms nothing.
    await page.goto(confirmUrl);
    expect(await page.title()).toBe('Confirm your alerts · Newsroom');
    await shot(page, 'confirm-button');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Yes, send me alerts' }).click()]);
    expect(await page.title()).toBe('Subscription confirmed · Newsroom');
    await Promise.all([page.waitForURL(/\/preferences\?token=/), page.click('a[href*="/preferences?token="]')]);
    expect(await page.isChecked('input[name=sections][value="politics"]')).toBe(true);
    expect(await page.isChecked('input[name=sections][value="world"]')).toBe(true);
    expect(await page.isChecked('input[name=sections][value="business"]')).toBe(false);
    await shot(page, 'preferences');
    await context.close();
  });

  it('follows a topic from its page: by e-mail without JavaScript, and in this browser', async () => {
    // The story carries the example article's tags; its topic page offers that topic, ticked.
    const tagPage = `${new URL(storyUrl).origin}/tags/noise-pollution`;
    const plain = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
    const page = await plain.newPage();
    await page.goto(tagPage);
    expect(await page.isChecked('.subscribe-form input[name=tags][value="noise-pollution"]')).toBe(true);
    expect((await page.textContent('.subscribe-topics label'))?.trim()).toBe('Noise pollution');
    expect(await page.locator('.subscribe-form input[name=sections]:checked').count()).toBe(0);
    await shot(page, 'topic-form');
    await page.fill('#subscribe-email', 'topic.reader@example.com');
    await Promise.all([page.waitForURL(`${newsroom.url('notifications')}/subscribe`), page.click('.subscribe-form button[type=submit]')]);
    expect(await page.title()).toBe('Check your inbox · Newsroom');
    const mail = await newsroom.mail.waitFor((caught) => caught.to.includes('topic.reader@example.com') && /Confirm/.test(caught.subject));
    await page.goto(/(http:\/\/\S+\/v1\/subscribers\/confirm\?token=[\w.-]+)/.exec(mail.text)![1]);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Yes, send me alerts' }).click()]);
    await Promise.all([page.waitForURL(/\/preferences\?token=/), page.click('a[href*="/preferences?token="]')]);
    expect(await page.inputValue('input[name=tags]')).toBe('noise-pollution');
    expect(await page.locator('input[name=sections]:checked').count()).toBe(0);
    await plain.close();

    // In this browser: the push subscription follows the ticked topic, not breaking news only.
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['notifications'], { origin: new URL(storyUrl).origin });
    await holdPushSubscriptions(context, [newsroom.push.createSubscription('topic-reader')]);
    const withScript = await context.newPage();
    await withScript.goto(tagPage);
    await withScript.click('.get-alerts');
    const manage = withScript.locator('.get-alerts-status a');
    await manage.waitFor({ timeout: 15_000 });
    await withScript.goto((await manage.getAttribute('href'))!);
    expect(await withScript.inputValue('input[name=tags]')).toBe('noise-pollution');
    await context.close();
  });

  it('turns alerts on in this browser, and keeps a link to change or stop them on every later page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const site = new URL(storyUrl).origin;
    await context.grantPermissions(['notifications'], { origin: site });
    await holdPushSubscriptions(context, [newsroom.push.createSubscription('browser-reader')]);
    const page = await context.newPage();
    await page.goto(storyUrl);
    await page.click('.get-alerts');
    const manage = page.locator('.get-alerts-status a');
    await manage.waitFor({ timeout: 15_000 });
    expect(await page.textContent('.get-alerts-status')).toContain('Alerts are on in this browser.');
    expect(await manage.textContent()).toBe('Change or stop them');
    expect(await manage.getAttribute('href')).toMatch(new RegExp(`^${newsroom.url('notifications')}/preferences\\?token=`));
    // Its work done, the button goes: the link is where to change or stop them.
    expect(await page.isHidden('.get-alerts')).toBe(true);
    await shot(page, 'alerts-on');

    // A later page shows the link again, for the subscription this browser still holds, and
    // never the button.
    await page.reload();
    await manage.waitFor({ timeout: 15_000 });
    expect(await page.isHidden('.get-alerts')).toBe(true);
    await Promise.all([page.waitForURL(/\/preferences\?token=/), manage.click()]);
    expect(await page.textContent('main')).toContain('notifications in a browser');
    // The story's section, ticked on its page when alerts were turned on.
    expect(await page.isChecked('input[name=sections][value="politics"]')).toBe(true);
    expect(await page.isChecked('input[name=sections][value="world"]')).toBe(false);
    await shot(page, 'browser-preferences');

    // The reader stops them there, and goes back to the site: its pages no longer say alerts are
    // on (the page asks the service after its link was followed), and offer them again.
    await Promise.all([page.waitForURL(/\/unsubscribe\?token=/), page.click('button:has-text("Unsubscribe from all alerts")')]);
    expect(await page.textContent('main')).toContain('gets no more Newsroom alerts');
    await Promise.all([page.waitForURL(`${site}/`), page.click('a:has-text("Back to the site")')]);
    await page.locator('.get-alerts').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.isHidden('.get-alerts-status')).toBe(true);
    expect(await page.evaluate(`localStorage.getItem('newsroom-alerts')`)).toBeNull();
    // The browser dropped the subscription nobody sends to, so the button makes a fresh one.
    expect(await page.evaluate(`localStorage.getItem('test-push-subscribed')`)).toBeNull();
    await page.click('.get-alerts');
    await manage.waitFor({ timeout: 15_000 });
    expect(await page.isHidden('.get-alerts')).toBe(true);
    await context.close();
  });

  it('says it is switching alerts on, and that it failed when the browser\'s push service never answers', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['notifications'], { origin: new URL(storyUrl).origin });
    // A push service out of reach: the browser's subscribe() never settles.
    await context.addInitScript({
      content: `PushManager.prototype.getSubscription = () => Promise.resolve(null);
        PushManager.prototype.subscribe = () => new Promise(() => undefined);`,
    });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(storyUrl);
    await page.click('.get-alerts');
    await page.getByText('Switching alerts on…').waitFor();
    expect(await page.isDisabled('.get-alerts')).toBe(true);
    await page.clock.runFor(20_000);
    await page.getByText('Alerts could not be switched on just now. Please try again later.').waitFor();
    expect(await page.isEnabled('.get-alerts')).toBe(true);
    expect(await page.evaluate(`localStorage.getItem('newsroom-alerts')`)).toBeNull();
    await context.close();
  });

  it('keeps alerts coming when the push service replaces the subscription: the service worker and the page report it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const site = new URL(storyUrl).origin;
    await context.grantPermissions(['notifications'], { origin: site });
    // The browser holds the subscription localStorage's "test-push-generation" names, as if its
    // push service had replaced the earlier ones.
    const generations = [1, 2, 3].map((n) => newsroom.push.createSubscription(`rotating-${n}`));
    await holdPushSubscriptions(context, generations);
    const page = await context.newPage();
    await page.goto(storyUrl);
    await page.click('.get-alerts');
    const manage = page.locator('.get-alerts-status a');
    await manage.waitFor({ timeout: 15_000 });

    // A record kept before the page kept the auth secret: a later page fills it in.
    await page.evaluate(`localStorage.setItem('newsroom-alerts', JSON.stringify({ endpoint: ${JSON.stringify(generations[0].endpoint)}, preferencesUrl: JSON.parse(localStorage.getItem('newsroom-alerts')).preferencesUrl }))`);
    await page.reload();
    await manage.waitFor({ timeout: 15_000 });
    expect(await page.evaluate(`JSON.parse(localStorage.getItem('newsroom-alerts')).auth`)).toBe(generations[0].keys.auth);

    // The push service rotates the subscription and the browser fires pushsubscriptionchange in
    // the service worker (the DevTools protocol cannot, so the test dispatches it there, with the
    // browser's own fields). The old subscription does not say its key, so the worker fetches the
    // VAPID key and subscribes again with its bytes.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const reported = await worker.evaluate(
      `(() => {
        const [first, second] = ${JSON.stringify(generations)};
        const subscription = (json) => ({ endpoint: json.endpoint, options: {}, toJSON: () => json });
        let asked = 'nothing';
        self.registration.pushManager.subscribe = (options) => {
          const key = options.applicationServerKey;
          asked = key instanceof Uint8Array ? 'a key of ' + key.length + ' bytes' : typeof key;
          return asked === 'a key of 65 bytes' ? Promise.resolve(subscription(second)) : Promise.reject(new Error(asked));
        };
        const event = new Event('pushsubscriptionchange');
        let handled = Promise.resolve();
        event.waitUntil = (promise) => { handled = promise; };
        Object.defineProperty(event, 'oldSubscription', { value: subscription(first) });
        Object.defineProperty(event, 'newSubscription', { value: null });
        self.dispatchEvent(event);
        return handled.then(() => asked);
      })()`,
    );
    expect(reported).toBe('a key of 65 bytes');
    // The next story's alert reaches the new subscription, with the preferences chosen on the page.
    const next = await publishStory('Port reopens to ferries', 'Sailings resume at dawn.');
    const pushed = await newsroom.push.waitFor((push) => push.label === 'rotating-2' && push.text.includes('Port reopens'), 30_000);
    expect(JSON.parse(pushed.text)).toMatchObject({ title: 'Port reopens to ferries', url: next });
    expect(newsroom.push.received().filter((push) => push.label === 'rotating-1' && push.text.includes('Port reopens'))).toHaveLength(0);

    // The page still knew the first subscription: it reports the replacement too (answered
    // "already") and shows the link again. Then a replacement the worker never saw (browsers that
    // do not fire the event): the page reports it on the next visit.
    for (const generation of ['2', '3']) {
      await page.evaluate(`localStorage.setItem('test-push-generation', '${generation}')`);
      await page.reload();
      await manage.waitFor({ timeout: 15_000 });
      expect(await page.evaluate(`JSON.parse(localStorage.getItem('newsroom-alerts')).endpoint`)).toBe(generations[Number(generation) - 1].endpoint);
    }
    await Promise.all([page.waitForURL(/\/preferences\?token=/), manage.click()]);
    expect(await page.isChecked('input[name=sections][value="politics"]')).toBe(true);

    // A record the service does not recognise (here a secret that is not the subscription's, and
    // no check yet: 404): the page forgets it and offers alerts afresh.
    await page.goto(storyUrl);
    await manage.waitFor({ timeout: 15_000 });
    await page.evaluate(
      `localStorage.setItem('newsroom-alerts', JSON.stringify({ endpoint: ${JSON.stringify(generations[2].endpoint)}, preferencesUrl: 'x', auth: ${JSON.stringify(generations[0].keys.auth)} }))`,
    );
    await page.reload();
    await page.locator('.get-alerts').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.evaluate(`localStorage.getItem('newsroom-alerts')`)).toBeNull();
    expect(await page.isHidden('.get-alerts-status')).toBe(true);
    await context.close();
  });

  it('registers the service worker on the story page, and a push shows the story as a notification', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const site = new URL(storyUrl).origin;
    await context.grantPermissions(['notifications'], { origin: site });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const registrations = new Map<string, string>();
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
      for (const registration of updated) registrations.set(registration.scopeURL, registration.registrationId);
    });

    await page.goto(storyUrl);
    // Strings: the page's globals are the browser's, not this process's.
    const scope = await page.evaluate('navigator.serviceWorker.ready.then((registration) => registration.scope)');
    expect(scope).toBe(`${site}/`);
    // Shown to a browser that can take push and has no alerts on yet; the prompt waits for a click.
    await page.locator('.get-alerts').waitFor({ state: 'visible', timeout: 15_000 });

    const registrationId = await eventually('the service worker registration', async () => registrations.get(`${site}/`));
    const alert = { title: headline, body: standfirst, url: storyUrl, tag: randomUUID() };
    // DevTools hands the push to the worker without an answer; a worker that Chromium is
    // stopping or starting at that moment can miss it, so the push is delivered again until a
    // notification shows (the same tag: a second delivery replaces, never adds).
    const deliverPush = () => cdp.send('ServiceWorker.deliverPushMessage', { origin: site, registrationId, data: JSON.stringify(alert) });
    await deliverPush();
    let deliveredAt = Date.now();

    const shown = await eventually('the notification', async () => {
      if (Date.now() - deliveredAt > 5_000) {
        await deliverPush();
        deliveredAt = Date.now();
      }
      const notifications = (await page.evaluate(
        'navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((all) => all.map((n) => ({ title: n.title, body: n.body, tag: n.tag })))',
      )) as { title: string; body: string; tag: string }[];
      return notifications.length > 0 ? notifications : undefined;
    });
    expect(shown).toEqual([{ title: headline, body: standfirst, tag: alert.tag }]);
    await context.close();
  });
});
