/**
 * The reporter's text when saving goes wrong: the story was saved elsewhere meanwhile (drafting
 * answers 412: the desk shows both versions, keeps the reporter's text, and "Keep my version"
 * saves it over the newer one with that version's If-Match); the session ends mid-edit; the
 * reporter leaves or closes the tab before the autosave pause; the server refuses a field; a
 * double click on Submit. The desk's API is played by the test (playwright's request routing), so
 * the exact moment of each failure is the test's to choose; the built web app is served from
 * dist/ as the desk serves it (index.html for every path).
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Route } from 'playwright-core';
import { eventually } from '@newsroom/test-harness';
import { WORKSPACE_ROOT, CHROMIUM_ARGS, ensureChromium, screenshotToLookAt } from '@newsroom/testing';
import { answerNextDialog } from '../support/dialogs';

jest.setTimeout(60_000);

const WEB_DIR = path.join(WORKSPACE_ROOT, 'dist/apps/desk/web');
const SHOTS = path.join(WORKSPACE_ROOT, 'tmp/desk-screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const user = { id: 'u-rhea', email: 'rhea@newsroom.test', name: 'Rhea Reporter', roles: ['reporter'] };
const article = {
  headline: 'Night bus line opens',
  standfirst: 'Route N1 links the station with the hospital.',
  dateline: { place: 'Harwick', date: '2026-11-30' },
  section: 'politics',
  bylines: [{ name: 'Rhea Reporter', id: 'u-rhea' }],
  language: 'en',
  body: [
    { type: 'paragraph', text: 'The **N1** runs from midnight.' },
    { type: 'quote', text: 'At last.', attribution: 'A night nurse' },
  ],
};

interface Patch {
  ifMatch: string | undefined;
  csrf: string | undefined;
  body: { body: { type: string; text?: string }[] };
}

/** dist/apps/desk/web as the desk serves it: files, and index.html for any other path. */
function serveWebApp(): Promise<Server> {
  const server = createServer((request, response) => {
    const file = path.join(WEB_DIR, path.normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    const found = file.startsWith(WEB_DIR) && existsSync(file) && statSync(file).isFile() ? file : path.join(WEB_DIR, 'index.html');
    const type = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' }[path.extname(found)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type });
    createReadStream(found).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe("the desk keeps the reporter's text", () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('the desk web app is not built: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([serveWebApp(), chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS] })]);
  });

  // Each test's desk is closed after it: a desk left open goes on polling its screen, and by
  // the last test thirty of them were answering routes beside the one under test.
  afterEach(async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('shows both versions on a 412, keeps the reporter\'s text, and saves it over the newer version when asked', async () => {
    let version = 3;
    const patches: Patch[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const draft = (content = article): object => ({
      id: 'd1', status: 'changes_requested', version, editable: true, publicUrl: null, publishAt: null, submittedRevision: 1, activity: [], article: content,
    });
    await page.route('**/api/**', async (route: Route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      const json = (status: number, body: unknown): Promise<void> =>
        route.fulfill({ status, contentType: 'application/json', headers: { etag: `"${version}"` }, body: JSON.stringify(body) });
      if (pathname === '/api/session') return json(200, { user, csrfToken: 'csrf-1' });
      if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }] });
      if (pathname === '/api/drafting/v1/drafts/d1/revisions') return json(200, []);
      if (pathname === '/api/drafting/v1/drafts/d1' && request.method() === 'GET') {
        // what the other window saved: a new standfirst
        return json(200, draft(version > 3 ? { ...article, standfirst: 'Saved in another window.' } : article));
      }
      if (pathname === '/api/drafting/v1/drafts/d1' && request.method() === 'PATCH') {
        patches.push({ ifMatch: request.headers()['if-match'], csrf: request.headers()['x-csrf-token'], body: request.postDataJSON() as Patch['body'] });
        if (patches.length === 1) {
          version = 5; // saved elsewhere in between
          return json(412, { error: { code: 'DRAFT.VERSION_CONFLICT', message: 'The draft changed since version 3' } });
        }
        version += 1;
        return json(200, draft());
      }
      return json(404, { error: { code: 'TEST.NOT_ROUTED', message: pathname } });
    });

    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/stories/d1`);
    const body = page.getByRole('textbox', { name: 'Story body' });
    await body.getByText('runs from midnight.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Mine, typed here.');

    await page.getByRole('heading', { name: 'This story was changed elsewhere' }).waitFor();
    expect(patches[0]).toMatchObject({ ifMatch: '"3"', csrf: 'csrf-1' });
    const yours = page.getByRole('article', { name: 'Your version' });
    const saved = page.getByRole('article', { name: 'Saved version' });
    await expect(yours.textContent()).resolves.toContain('Mine, typed here.');
    await expect(saved.textContent()).resolves.toContain('Saved in another window.');
    await expect(body.textContent()).resolves.toContain('Mine, typed here.');
    await expect(page.getByText(/^Not saved/).count()).resolves.toBe(1);
    // where they differ is said and marked on both sides: the standfirst and the first paragraph, nothing else
    await page.getByText(/They differ in the standfirst and the body \(marked\)\. Choose which version to keep\.$/).waitFor();
    for (const side of [yours, saved]) {
      await expect(side.locator('.differs').allTextContents()).resolves.toEqual([expect.stringMatching(/^Differs: /), expect.stringMatching(/^Differs: The N1 runs from midnight\./)]);
    }

    await screenshotToLookAt(page, path.join(SHOTS, 'story-conflict-desktop.png'));
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(`axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))`)) as string[];
    expect(violations).toEqual([]);

    await page.getByRole('button', { name: 'Keep my version' }).click();
    await page.getByText(/^Saved \(version 6\)/).waitFor();
    expect(patches).toHaveLength(2);
    expect(patches[1].ifMatch).toBe('"5"');
    expect(patches[1].body.body[0].text).toBe('The **N1** runs from midnight. Mine, typed here.');
  });

  /** The desk's API for story d1 at `version`, as drafting and the desk answer; `on` may answer a request first. */
  async function playDesk(page: import('playwright-core').Page, state: { version: number; signedIn: boolean; on?: (route: Route, pathname: string) => Promise<boolean> | boolean }) {
    const requests: { method: string; pathname: string; ifMatch?: string; body?: unknown }[] = [];
    await page.route('**/api/**', async (route: Route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      requests.push({ method: request.method(), pathname, ifMatch: request.headers()['if-match'], body: request.postData() ? request.postDataJSON() : undefined });
      const json = (status: number, body: unknown): Promise<void> =>
        route.fulfill({ status, contentType: 'application/json', headers: { etag: `"${state.version}"` }, body: JSON.stringify(body) });
      if (state.on && (await state.on(route, pathname))) return;
      // An editor's note on the first block of revision 1, as drafting's timeline reports it.
      const activity = [{ kind: 'editor_note', at: '2026-11-30T09:00:00Z', actorId: 'u-ed', revision: 1, note: 'Which night buses?', blockIndex: 0 }];
      const draft = (content: unknown = article, status = 'draft') => ({ id: 'd1', status, version: state.version, editable: status === 'draft', publicUrl: null, publishAt: null, submittedRevision: null, activity, article: content });
      if (pathname === '/api/session' && request.method() === 'GET') return state.signedIn ? json(200, { user, csrfToken: 'csrf-1' }) : json(401, { error: { code: 'AUTH.UNAUTHENTICATED', message: 'Sign in' } });
      if (pathname === '/api/session' && request.method() === 'POST') {
        state.signedIn = true;
        return json(200, { user, csrfToken: 'csrf-2' });
      }
      if (pathname === '/api/session/options') return json(200, {});
      if (!state.signedIn) return json(401, { error: { code: 'AUTH.UNAUTHENTICATED', message: 'Your session ended' } });
      if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }] });
      if (pathname === '/api/drafting/v1/drafts/d1/revisions') return json(200, [{ number: 1, createdAt: '2026-11-30T08:00:00Z', article }]);
      if (pathname === '/api/drafting/v1/drafts' && request.method() === 'POST') {
        // A new story's first save, slow enough to be on its way when the reporter leaves.
        await new Promise((resolve) => setTimeout(resolve, 800));
        return json(201, { ...draft(request.postDataJSON()), id: 'd2', version: 1 });
      }
      if (pathname === '/api/drafting/v1/drafts') return json(200, { items: [], total: 0 });
      if (pathname === '/api/drafting/v1/drafts/d1' && request.method() === 'GET') return json(200, draft());
      if (pathname === '/api/drafting/v1/drafts/d1' && request.method() === 'PATCH') {
        if (request.headers()['if-match'] !== `"${state.version}"`) return json(412, { error: { code: 'DRAFT.VERSION_CONFLICT', message: `The draft is at version ${state.version}` } });
        state.version += 1;
        return json(200, draft(request.postDataJSON()));
      }
      if (pathname === '/api/drafting/v1/drafts/d1/submit') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return json(202, draft(article, 'submitted'));
      }
      return json(404, { error: { code: 'TEST.NOT_ROUTED', message: pathname } });
    });
    return requests;
  }

  /** A page of the desk at `address`, its API played by playDesk with `state`. */
  async function openScreen(state: Parameters<typeof playDesk>[1], address: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const requests = await playDesk(page, state);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}${address}`);
    return { page, requests };
  }

  /** The desk's sign-in screen after the session ended (the test's API takes any password). */
  async function signInAgain(page: import('playwright-core').Page): Promise<void> {
    await page.getByLabel('E-mail').fill('rhea@newsroom.test');
    await page.getByLabel('Password').fill('rhea-dev-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function typeInBody(page: import('playwright-core').Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(text);
  }

  it('keeps text typed when the session ends mid-edit, and offers it back after signing in again', async () => {
    const state = { version: 3, signedIn: true };
    const { page, requests } = await openScreen(state, '/stories/d1');
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').waitFor();
    state.signedIn = false; // signed out in another tab, or expired
    await typeInBody(page, ' Typed after the session ended.');

    await page.waitForURL(/\/sign-in\?next=%2Fstories%2Fd1&ended=1/);
    await signInAgain(page);
    await page.waitForURL(/\/stories\/d1$/);
    // It says what differs, and shows the kept text before the reporter chooses.
    await page.getByText(/^Text you had not saved \(.+\) was kept in this window\. It differs from the text here in the body\.$/).waitFor();
    await page.getByText('Show the kept text').click();
    await page.locator('.unsaved-text').getByText(/runs from midnight\. Typed after the session ended\./).waitFor();
    await screenshotToLookAt(page, path.join(SHOTS, 'story-unsaved-offer.png'));
    await page.getByRole('button', { name: 'Restore it' }).click();
    await page.getByText(/^Saved \(version 4\)/).waitFor();
    // The autosave the ended session refused, then the restored text, on the version it was typed on.
    const patches = requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1]).toMatchObject({ ifMatch: '"3"' });
    expect(JSON.stringify(patches[1].body)).toContain('Typed after the session ended.');
    // Saved: nothing is offered again.
    await page.reload();
    await page.getByRole('textbox', { name: 'Story body' }).waitFor();
    await expect(page.getByText(/^Text you had not saved/).count()).resolves.toBe(0);
  });

  it('restores text typed on an older version through the conflict view, however often it is offered', async () => {
    const state = { version: 3, signedIn: true };
    const { page, requests } = await openScreen(state, '/stories/d1');
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').waitFor();
    state.signedIn = false;
    await typeInBody(page, ' Typed on version 3.');
    await page.waitForURL(/\/sign-in/);
    state.version = 4; // saved from elsewhere while this reporter was signed out
    await signInAgain(page);
    for (let offer = 0; offer < 2; offer += 1) {
      // Offered, restored, met by the 412: the conflict view, never a save over version 4.
      if (offer === 1) await page.reload();
      await page.getByRole('button', { name: 'Restore it' }).click();
      await page.getByRole('heading', { name: 'This story was changed elsewhere' }).waitFor();
    }
    const patches = requests.filter((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('Typed on version 3.'));
    expect(patches.map((r) => r.ifMatch)).toEqual(['"3"', '"3"', '"3"']);
    expect(state.version).toBe(4);
  });

  it("leaves a new story's first save to finish elsewhere: the next screen keeps its address and its own text", async () => {
    const twoSections = { items: [{ slug: 'politics', label: 'Politics' }, { slug: 'transport', label: 'Transport' }] };
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        if (pathname !== '/api/publishing/v1/site/sections') return false;
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(twoSections) });
        return true;
      },
    };
    const { page, requests } = await openScreen(state, '/stories/new');
    await page.getByLabel('Headline').fill('Ferry timetable changes');
    await page.getByRole('textbox', { name: 'Story body' }).click();
    await page.keyboard.type('Sailings move to the hour.');
    // No section is chosen for the reporter: the first save waits for one.
    await page.getByText('Give the story a headline, a section and some text to save its first version.').waitFor();
    expect([await page.getByLabel('Section').inputValue(), requests.filter((r) => r.method === 'POST').length]).toEqual(['', 0]);
    await page.getByLabel('Section').selectOption('transport');
    await page.getByText('Saving…').waitFor();
    await page.getByRole('link', { name: 'My stories' }).click();
    await page.waitForURL(/\/stories$/);
    await eventually('the first save', () => requests.some((r) => r.method === 'POST' && r.pathname === '/api/drafting/v1/drafts'), { timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the POST lands meanwhile
    expect(new URL(page.url()).pathname).toBe('/stories');
    // Its save went through: a new story is not offered that text.
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/stories/new`);
    await page.getByLabel('Headline').waitFor();
    await expect(page.getByText(/^Text you had not saved/).count()).resolves.toBe(0);
    expect(requests.filter((r) => r.method === 'POST' && r.pathname === '/api/drafting/v1/drafts').map((r) => (r.body as { section?: string }).section)).toEqual(['transport']);
  });

  it('saves on leaving the screen before the autosave pause, and holds the tab open while text is unsaved', async () => {
    const state = { version: 3, signedIn: true };
    const { page, requests } = await openScreen(state, '/stories/d1');
    await typeInBody(page, ' Left at once.');
    await page.getByRole('link', { name: 'My stories' }).click();
    await page.waitForURL(/\/stories$/);
    await eventually('the save on leaving', () => requests.some((r) => r.method === 'PATCH' && JSON.stringify(r.body).includes('Left at once.')), { timeoutMs: 10_000 });
    // Before the pause ran out: the save went with the leaving, not after it.
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);

    await page.goBack();
    await typeInBody(page, ' And the tab closes.');
    // What the browser asks before closing the tab: whether the page cancels beforeunload (headless
    // Chromium shows no dialog, so the test reads the answer the dialog would follow).
    const leaveCancelled = 'window.dispatchEvent(new Event("beforeunload", { cancelable: true })) === false';
    await expect(page.evaluate(leaveCancelled)).resolves.toBe(true);
    await page.getByText(/^Saved \(version 5\)/).waitFor();
    await expect(page.evaluate(leaveCancelled)).resolves.toBe(false);
  });

  it("says which paragraph an editor's note is about, keeps typed tags in their words, each once, lists a field the server refused with the checks, and submits once on a double click", async () => {
    let refuse = true;
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        if (!refuse || pathname !== '/api/drafting/v1/drafts/d1' || route.request().method() !== 'PATCH') return false;
        await route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'REQUEST.VALIDATION_FAILED', message: 'headline must be shorter than or equal to 300 characters', details: [{ path: 'headline', message: 'headline must be shorter than or equal to 300 characters' }] } }),
        });
        return true;
      },
    };
    const { page, requests } = await openScreen(state, '/stories/d1');
    // The editor's note on one paragraph says which, in the reporter's timeline.
    await page.getByText('About: “The N1 runs from midnight.”').waitFor();
    await expect(page.locator('.timeline li.has-note').textContent()).resolves.toContain('(revision 1, block 1)');
    const tags = page.getByLabel('Tags');
    // Kept in the words typed, each tag once; filed under slugs, transliterated where they can be, as written where not (Japanese)
    await tags.fill('River Harle, Parking, Gdańsk,  東京   五輪, river harle');
    await tags.blur();
    await expect(tags.inputValue()).resolves.toBe('River Harle, Parking, Gdańsk, 東京 五輪');

    const refusal = page.locator('.check-error', { hasText: 'Not saved: headline must be shorter than or equal to 300 characters' });
    await refusal.waitFor();
    const submit = page.getByRole('button', { name: 'Submit for review' });
    await expect(submit.isDisabled()).resolves.toBe(true);
    await screenshotToLookAt(page, path.join(SHOTS, 'story-refused.png'));

    refuse = false;
    await page.getByLabel('Headline').fill('Night bus line opens at last');
    await page.getByText(/^Saved \(version 4\)/).waitFor();
    // the time of the save names its zone, as every time on the desk does
    await expect(page.locator('.save-state').textContent()).resolves.toMatch(/^Saved \(version 4\) at \d{1,2}:\d{2}:\d{2}\s?[AP]M (UTC|GMT[+-]?\d*|[A-Z]{2,5})$/);
    await expect(refusal.count()).resolves.toBe(0);
    const saved = requests.filter((r) => r.method === 'PATCH').at(-1)?.body as { tags: string[]; tagLabels: Record<string, string> };
    expect(saved.tags).toEqual(['river-harle', 'parking', 'gdansk', '東京-五輪']);
    expect(saved.tagLabels).toEqual({ 'river-harle': 'River Harle', parking: 'Parking', gdansk: 'Gdańsk', '東京-五輪': '東京 五輪' });

    await submit.dblclick();
    await page.getByText('Submitted. Editors see it in their queue now.').waitFor();
    expect(requests.filter((r) => r.pathname === '/api/drafting/v1/drafts/d1/submit')).toHaveLength(1);
    await expect(page.locator('.notice-error').count()).resolves.toBe(0);
  });

  it("counts the story's words as the reporter types, as word processors count them", async () => {
    const { page } = await openScreen({ version: 3, signedIn: true }, '/stories/d1');
    const length = page.locator('.story-form .word-count');
    // "The N1 runs from midnight." and the quote "At last." with "A night nurse": markup is not a word.
    await expect(length.textContent()).resolves.toBe('10 words');
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' A 20-year-old line — at last.');
    // "20-year-old" is one word and the dash none, as a word processor counts them.
    await page.locator('.story-form .word-count', { hasText: /^15 words$/ }).waitFor();
  });

  it('takes out pasted control characters, tries a save again by itself when the desk was out of reach, and says why a link or a picture cannot go in', async () => {
    let cutOff = true;
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        if (!cutOff || pathname !== '/api/drafting/v1/drafts/d1' || route.request().method() !== 'PATCH') return false;
        cutOff = false;
        await route.abort('internetdisconnected');
        return true;
      },
    };
    const { page, requests } = await openScreen(state, '/stories/d1');
    const headline = page.getByLabel('Headline');
    await headline.waitFor();
    // What Word puts on the clipboard: a vertical tab for a line break, a stray bell.
    // (Set as a paste sets it: Chromium's own typing drops control characters before the page sees them.)
    await page.evaluate(`(() => {
      const field = document.querySelector('input[name=headline]');
      field.value = 'Night\\u000Bbus line\\u0007 opens';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await expect(headline.inputValue()).resolves.toBe('Night bus line opens');
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').click();
    await page.keyboard.press('End');
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ' From Word:\\u000Bline two\\u0007.');
      document.querySelector('.prose').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);

    // The first save cannot get through; the next goes by itself, without another keystroke.
    await page.getByText(/^Not saved: The desk cannot be reached.*Trying again in 5 s\.$/).waitFor();
    const revisionsBefore = requests.filter((r) => r.pathname.endsWith('/revisions')).length;
    await page.getByText(/^Saved \(version 4\)/).waitFor({ timeout: 20_000 });
    const saved = requests.filter((r) => r.method === 'PATCH').at(-1)?.body as { headline: string; body: { text?: string }[] };
    expect(saved.headline).toBe('Night bus line opens');
    expect(saved.body[0].text).toBe('The **N1** runs from midnight. From Word: line two.');
    // The saved version shows in the list of revisions without a reload.
    expect(requests.filter((r) => r.pathname.endsWith('/revisions')).length).toBeGreaterThan(revisionsBefore);

    // A javascript: link is refused with a reason, not dropped without a word.
    await page.getByRole('textbox', { name: 'Story body' }).getByText('line two').dblclick();
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Link address').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByText('A link must be a web address starting with https:// (or http://).').waitFor();
    await page.keyboard.press('Escape');
    // Alt text of spaces only would be refused on saving: the form says so and stays open.
    await page.getByRole('button', { name: 'Picture' }).click();
    await page.getByLabel(/^Picture address/).fill('https://images.example.org/bus.jpg');
    await page.getByLabel(/^Alt text/).fill('   ');
    await page.getByRole('button', { name: 'Insert block' }).click();
    await page.getByText('Alt text needs some text, not only spaces.').waitFor();
    await expect(page.getByRole('form', { name: 'Add picture' }).count()).resolves.toBe(1);
    // The story saves itself on leaving; the picture's form, open and typed in, is asked about.
    const asked: string[] = [];
    answerNextDialog(page, 'dismiss', asked);
    await page.getByRole('link', { name: 'My stories' }).click();
    expect(asked).toEqual(['The block or link you started in the editor is not added to the story. Leave and lose it?']);
    await expect(page.getByRole('form', { name: 'Add picture' }).count()).resolves.toBe(1);
  });

  it('saves nothing for a click into a story that ends with a quote, and saves what is typed after it', async () => {
    const { page, requests } = await openScreen({ version: 3, signedIn: true }, '/stories/d1');
    const body = page.getByRole('textbox', { name: 'Story body' });
    await body.getByText('runs from midnight.').waitFor();
    // The screen opens at its top, the header with the screens' links and Sign out in view.
    expect(await page.evaluate('[document.documentElement.scrollHeight > window.innerHeight, window.scrollY]')).toEqual([true, 0]);
    await body.getByText('runs from midnight.').click();
    await body.getByText('At last.').click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await body.getByText('runs from midnight.').click();
    // Longer than the pause after which a change is saved (1.5 s).
    await page.waitForTimeout(2500);
    expect(requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    await expect(page.getByText('Unsaved changes').count()).resolves.toBe(0);
    await page.keyboard.press('End');
    await page.keyboard.type(' Still running.');
    await page.getByText(/^Saved \(version 4\)/).waitFor();
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('takes a list pasted from Word as a list, a nested list as one list, and a table as a paragraph a row', async () => {
    const { page, requests } = await openScreen({ version: 3, signedIn: true }, '/stories/d1');
    await typeInBody(page, ' Routes:');
    await page.keyboard.press('Enter');
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=EN-GB><!--StartFragment--><p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Podil to <b>Poshtova</b> Square<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>via the river bank<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Obolon to the station<o:p></o:p></p>
<p class=MsoNormal>Then the numbers:<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>First stop<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Second stop<o:p></o:p></p>
<!--EndFragment--></body></html>`;
    const paste = (html: string, text: string) =>
      page.evaluate(`(() => {
        const data = new DataTransfer();
        data.setData('text/html', ${JSON.stringify(html)});
        data.setData('text/plain', ${JSON.stringify(text)});
        document.querySelector('.prose').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      })()`);
    // Word's items are paragraphs with their bullets and numbers as padded text: lists here, a
    // second-level item kept in its place in the one level the story has.
    await paste(word, 'Podil to Poshtova Square');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // out of the list
    await page.keyboard.type('Timetable:');
    await page.keyboard.press('Enter');
    await paste('<table><caption>Night lines</caption><thead><tr><th>Line</th><th>Every</th></tr></thead><tbody><tr><td><b>N1</b></td><td><p>20</p><p>min</p></td></tr><tr><td>N2</td><td>30 min</td></tr><tr><td></td><td></td></tr></tbody></table>', 'Line Every');
    await page.keyboard.press('Enter');
    await paste('<ul><li>Outer one<ul><li>Inner a</li><li>Inner <ol><li>deeper</li></ol>b</li></ul></li><li>Outer two</li></ul>', 'Outer one');
    await page.getByText(/^Saved \(version 4\)/).waitFor();
    const saved = requests.filter((r) => r.method === 'PATCH').at(-1)?.body as { body: unknown[] };
    expect(saved.body).toEqual([
      { type: 'paragraph', text: 'The **N1** runs from midnight. Routes:' },
      { type: 'list', style: 'bulleted', items: ['Podil to **Poshtova** Square', 'via the river bank', 'Obolon to the station'] },
      { type: 'paragraph', text: 'Then the numbers:' },
      { type: 'list', style: 'numbered', items: ['First stop', 'Second stop'] },
      { type: 'paragraph', text: 'Timetable:' },
      { type: 'paragraph', text: 'Night lines' },
      { type: 'paragraph', text: 'Line | Every' },
      { type: 'paragraph', text: '**N1** | 20 min' },
      { type: 'paragraph', text: 'N2 | 30 min' },
      { type: 'list', style: 'bulleted', items: ['Outer one', 'Inner a', 'Inner b', 'deeper', 'Outer two'] },
      { type: 'quote', text: 'At last.', attribution: 'A night nurse' },
    ]);
  });

  it('keeps saying why a recall was refused after the screen hears that the editor has the story', async () => {
    let claimed = false;
    const submitted = { kind: 'submitted', at: '2026-11-30T08:00:00Z', actorId: 'u-rhea', revision: 1 };
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', headers: { etag: '"3"' }, body: JSON.stringify(body) });
        if (pathname === '/api/accounts/names') return (await json(200, { items: [{ id: 'u-eli', name: 'Eli Editor' }] }), true);
        if (pathname === '/api/editorial-review/v1/reviews/d1/recall') {
          // An editor claimed it a moment before: the queue refuses, and drafting hears of the claim.
          claimed = true;
          return (await json(409, { error: { code: 'REVIEW.RECALL_TOO_LATE', message: 'An editor is already reviewing this story', details: { assigneeId: 'u-eli' } } }), true);
        }
        if (pathname === '/api/drafting/v1/drafts/d1' && route.request().method() === 'GET') {
          const activity = claimed ? [submitted, { kind: 'claimed', at: '2026-11-30T08:05:00Z', actorId: 'u-eli', revision: 1 }] : [submitted];
          const status = claimed ? 'in_review' : 'submitted';
          return (await json(200, { id: 'd1', status, version: 3, editable: false, publicUrl: null, publishAt: null, submittedRevision: 1, reviewerId: claimed ? 'u-eli' : null, activity, article }), true);
        }
        return false;
      },
    };
    const { page } = await openScreen(state, '/stories/d1');
    await page.getByRole('button', { name: 'Recall from review' }).click();
    const refusal = page.getByText('Eli Editor is already reviewing it, so it can no longer be recalled: ask them to send it back to you.');
    await refusal.waitFor();
    // The next poll finds the story in review: the screen follows, and the reason stays.
    // Waiting for the poll's answer to be shown, not for its request: the screen has followed once
    // the recall button is gone, and only then is the refusal's staying worth checking.
    await page.getByRole('button', { name: 'Recall from review' }).waitFor({ state: 'detached', timeout: 10_000 });
    await expect(refusal.count()).resolves.toBe(1);
  });

  it('puts a link in with its address as its words when no text is selected', async () => {
    const { page, requests } = await openScreen({ version: 3, signedIn: true }, '/stories/d1');
    await typeInBody(page, ' Timetable: ');
    await page.getByRole('button', { name: 'Link' }).click();
    await page.getByLabel('Link address').fill('https://example.org/n1');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByText(/^Saved \(version 4\)/).waitFor();
    const saved = requests.filter((r) => r.method === 'PATCH').at(-1)?.body as { body: { text?: string }[] };
    expect(saved.body[0].text).toBe('The **N1** runs from midnight. Timetable: [https://example.org/n1](https://example.org/n1)');
  });

  it('takes a save that went through though its answer was lost for what it is, not for a change made elsewhere', async () => {
    let saved: unknown;
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        if (pathname !== '/api/drafting/v1/drafts/d1') return false;
        const method = route.request().method();
        if (method === 'PATCH' && saved === undefined) {
          // drafting applied it; the connection dropped before the answer came back
          saved = route.request().postDataJSON();
          state.version += 1;
          await route.abort('connectionreset');
          return true;
        }
        if (method === 'GET' && saved !== undefined) {
          await route.fulfill({
            status: 200,
            contentType: 'application/json',
            headers: { etag: `"${state.version}"` },
            body: JSON.stringify({ id: 'd1', status: 'draft', version: state.version, editable: true, revisable: false, publicUrl: null, publishAt: null, submittedRevision: null, activity: [], article: saved }),
          });
          return true;
        }
        return false;
      },
    };
    const { page, requests } = await openScreen(state, '/stories/d1');
    await typeInBody(page, ' Then the first bus.');
    // The retry, with the version it had, is refused (412): the saved text is this very text.
    await page.getByText(/^Saved \(version 4\)$/).waitFor({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'This story was changed elsewhere' }).count()).resolves.toBe(0);
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => r.ifMatch)).toEqual(['"3"', '"3"']);
  });

  it('lists a reporter\u2019s stories a hundred at a time, with the rest a click away', async () => {
    const stories = Array.from({ length: 150 }, (_, n) => ({ id: `s${n}`, authorId: 'u-rhea', status: 'draft', version: 1, headline: `Story ${n + 1}`, section: 'politics', editable: true, updatedAt: '2026-11-30T09:00:00Z' }));
    const state = {
      version: 3,
      signedIn: true,
      on: async (route: Route, pathname: string) => {
        if (pathname !== '/api/drafting/v1/drafts' || route.request().method() !== 'GET') return false;
        const query = new URL(route.request().url()).searchParams;
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 20);
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: stories.slice(offset, offset + limit), total: stories.length }) });
        return true;
      },
    };
    const { page } = await openScreen(state, '/stories');
    await page.getByText('Showing 100 of 150 stories, the most recently changed first.').waitFor();
    await expect(page.locator('table.list tbody tr').count()).resolves.toBe(100);
    await page.getByRole('button', { name: 'Show 50 more' }).click();
    await page.getByRole('link', { name: 'Story 150', exact: true }).waitFor();
    await expect(page.locator('table.list tbody tr').count()).resolves.toBe(150);
    await expect(page.getByRole('button', { name: /^Show \d+ more$/ }).count()).resolves.toBe(0);
  });

  /** Eve, an editor, as the desk knows her on the review screen's tests. */
  const eve = { id: 'u-eve', email: 'eve@newsroom.test', name: 'Eve Editor', roles: ['editor'] };

  /**
   * The review screen of story a1 for Eve, its API played here: her session, the sections, the
   * desk's names, the review as `review()` gives it at each request; `onPost(action, json)` answers
   * a POST to one of the review's actions (claim, approve…), or the request is not routed.
   */
  async function openReview(
    review: () => object,
    onPost?: (action: string, json: (status: number, body: unknown) => Promise<void>) => Promise<void> | undefined,
    /** Answers a request (by path, method and query) before the answers below, or leaves it to them. */
    elsewhere?: (pathname: string, method: string, json: (status: number, body: unknown) => Promise<void>, query: URLSearchParams) => Promise<void> | undefined,
  ): Promise<import('playwright-core').Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.route('**/api/**', async (route: Route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      const json = (status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      const other = elsewhere?.(pathname, request.method(), json, new URL(request.url()).searchParams);
      if (other) return other;
      if (pathname === '/api/session') return json(200, { user: eve, csrfToken: 'csrf-1' });
      if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }] });
      if (pathname === '/api/accounts/names') return json(200, { items: [{ id: 'u-rhea', name: 'Rhea Reporter' }, { id: 'u-ed', name: 'Ed Editor' }, { id: 'u-eve', name: 'Eve Editor' }] });
      if (pathname === '/api/editorial-review/v1/reviews/a1') return json(200, review());
      const answered = request.method() === 'POST' && pathname.startsWith('/api/editorial-review/v1/reviews/a1/') ? onPost?.(pathname.split('/').pop() as string, json) : undefined;
      if (answered) return answered;
      return json(404, { error: { code: 'TEST.NOT_ROUTED', message: pathname } });
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/reviews/a1`);
    return page;
  }

  it("shows the editor the story's tags, names the editor who claimed it first, and sends one decision on a double click", async () => {
    let assigneeId: string | null = null;
    const posts: string[] = [];
    const review = () => ({
      articleId: 'a1', status: assigneeId ? 'in_review' : 'pending', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
      assigneeId, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article: { ...article, tags: ['night-buses', 'harwick'] }, checks: [], comments: [], decisions: [], diff: null,
    });
    const page = await openReview(review, async (action, json) => {
      posts.push(action);
      if (action === 'claim' && posts.length === 1) {
        assigneeId = 'u-ed'; // Ed claimed it a moment before
        return json(409, { error: { code: 'REVIEW.ALREADY_CLAIMED', message: 'Another editor (u-ed) is already reviewing this article', details: { assigneeId: 'u-ed' } } });
      }
      if (action === 'claim') assigneeId = eve.id;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return json(200, review());
    });
    // The tags go live with the story: the editor sees them before approving.
    await page.getByText('Tags: night-buses, harwick').waitFor();
    await page.getByRole('button', { name: 'Claim this story' }).click();
    await page.getByText('Ed Editor is already reviewing this story.').waitFor();
    await expect(page.getByText(/^Claimed by Ed Editor\./).count()).resolves.toBe(1);
    await expect(page.locator('main').textContent()).resolves.not.toContain('u-ed');
    // the claim lost, the button that can only be refused again is gone
    await expect(page.getByRole('button', { name: 'Claim this story' }).count()).resolves.toBe(0);

    // Ed hands it over (here: the next claim succeeds); then a double click on Approve.
    assigneeId = null;
    await page.reload();
    await page.getByRole('button', { name: 'Claim this story' }).click();
    await page.getByText('You claimed the story.').waitFor();
    await page.getByRole('button', { name: 'Approve' }).dblclick();
    await page.getByText('Approved; it goes live now.').waitFor();
    expect(posts).toEqual(['claim', 'claim', 'approve']);
  });

  it('tells the editor who took the story over from them, and gives back the note they could not send', async () => {
    let assigneeId = 'u-eve';
    const page = await openReview(
      () => ({
        articleId: 'a1', status: 'in_review', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
        assigneeId, claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
      }),
      (action, json) => {
        if (action !== 'request-changes') return undefined;
        assigneeId = 'u-ed'; // Ed took it over while Eve was typing
        return json(403, { error: { code: 'REVIEW.NOT_ASSIGNED', message: 'Only the editor who claimed this article (or an admin) can decide on it', details: { assigneeId: 'u-ed' } } });
      },
    );
    await page.getByLabel('Note to the reporter').fill('Name the second source.');
    await page.getByRole('button', { name: 'Request changes' }).click();
    await page.getByText('Ed Editor took this story over; only they can decide it now. What you wrote was not sent: “Name the second source.”').waitFor();
    // the page follows: who holds it, and no decision forms that can only be refused
    await page.getByText(/^Claimed by Ed Editor since /).waitFor();
    await page.getByRole('button', { name: 'Take over this story' }).waitFor();
    await expect(page.getByLabel('Note to the reporter').count()).resolves.toBe(0);
  });

  it('refuses a note, reason or comment that shows nothing beside its field, and sends nothing', async () => {
    const posts: string[] = [];
    const page = await openReview(
      () => ({
        articleId: 'a1', status: 'in_review', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
        assigneeId: 'u-eve', claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
      }),
      (action) => {
        posts.push(action);
        return undefined;
      },
    );
    const blank = '  \u200b \u2060 ';
    for (const [label, action] of [['Note to the reporter', 'Request changes'], ['Reason', 'Reject for good'], ['Add a comment', 'Add comment']] as const) {
      const area = page.getByLabel(label, { exact: true });
      await area.fill(blank);
      await page.getByRole('button', { name: action, exact: true }).click();
      expect([label, await area.evaluate((element) => (element as unknown as { validationMessage: string }).validationMessage)]).toEqual([label, 'Write some words: spaces or invisible characters alone say nothing.']);
      // Typing words clears it.
      await area.pressSequentially('x');
      expect(await area.evaluate((element) => (element as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(true);
    }
    expect(posts).toEqual([]);
    await page.close();
  });

  it('gives back the note of a decision refused because another editor decided first', async () => {
    let status = 'in_review';
    const page = await openReview(
      () => ({
        articleId: 'a1', status, headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
        assigneeId: 'u-eve', claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
      }),
      (action, json) => {
        if (action !== 'request-changes') return undefined;
        status = 'rejected'; // an admin rejected it while Eve was typing
        return json(409, { error: { code: 'REVIEW.INVALID_TRANSITION', message: 'Cannot request changes: the review is rejected' } });
      },
    );
    await page.getByLabel('Note to the reporter').fill('Please add the new departure times.');
    await page.getByRole('button', { name: 'Request changes' }).click();
    await page.getByText(/The review below is as it stands now\. What you wrote was not sent: “Please add the new departure times\.”$/).waitFor();
    await expect(page.getByLabel('Note to the reporter').count()).resolves.toBe(0);
  });

  it('asks once whether to reject for good on a double click, and sends one rejection', async () => {
    let status = 'in_review';
    const posts: string[] = [];
    const view = () => ({
      articleId: 'a1', status, headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
      assigneeId: 'u-eve', claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
    });
    const page = await openReview(view, async (action, json) => {
      posts.push(action);
      await new Promise((resolve) => setTimeout(resolve, 300));
      status = 'rejected';
      return json(200, view());
    });
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByLabel('Reason').fill('Not ours to run.');
    await page.getByRole('button', { name: 'Reject for good' }).dblclick();
    await page.getByText('Rejected.').waitFor();
    expect([asked, posts]).toEqual([['Reject this story for good? The reporter cannot resubmit it.'], ['reject']]);
  });

  it('says a revision submitted after one recalled unread has nothing reviewed to compare with, not that it is a first submission', async () => {
    let recalledBefore = true;
    const page = await openReview(() => ({
      articleId: 'a1', status: 'pending', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: recalledBefore ? 3 : 1,
      submittedAt: '2026-11-30T08:30:00Z', firstSubmittedAt: recalledBefore ? '2026-11-30T08:00:00Z' : '2026-11-30T08:30:00Z',
      assigneeId: null, claimedAt: null, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
      submissions: recalledBefore ? [{ revision: 1 }, { revision: 3 }] : [{ revision: 1 }],
    }));
    await page.getByText('No editor has reviewed an earlier revision: it was recalled before anyone claimed it. Read this one whole.').waitFor();
    await expect(page.getByText(/^First submission/).count()).resolves.toBe(0);
    recalledBefore = false;
    await page.reload();
    await page.getByText('First submission: there is no earlier revision to compare it with.').waitFor();
    await page.close();
  });

  it('links an approved story to its public page and its live story page once publishing has it live', async () => {
    let live = false;
    const page = await openReview(
      () => ({
        articleId: 'a1', status: 'approved', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
        assigneeId: 'u-eve', claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 1, article, checks: [], comments: [],
        decisions: [{ id: 'd1', kind: 'approved', revision: 1, editorId: 'u-eve', note: null, publishAt: '2026-11-30T09:00:00Z', decidedAt: '2026-11-30T08:10:00Z' }], diff: null,
      }),
      undefined,
      (pathname, method, json) =>
        pathname === '/api/publishing/v1/articles/a1' && method === 'GET'
          ? live
            ? json(200, { id: 'a1', headline: article.headline, uri: 'https://news.example.org/articles/night-bus', pubstatus: 'usable', version: '1', section: 'politics', versioncreated: '2026-11-30T09:00:00Z' })
            : json(404, { error: { code: 'ARTICLE.NOT_FOUND', message: 'No published article with id a1' } })
          : undefined,
    );
    await page.getByText(/^Status: /).waitFor();
    await expect(page.getByText(/^Live on the site/).count()).resolves.toBe(0);
    // It goes live at its time while the screen is open: the screen says so without a reload.
    live = true;
    await page.getByText(/^Live on the site: /).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('link', { name: 'https://news.example.org/articles/night-bus' }).getAttribute('href')).toBe('https://news.example.org/articles/night-bus');
    expect(await page.getByRole('link', { name: 'its live story page' }).getAttribute('href')).toBe('/live/a1');
    await page.close();
  });

  it('says a story is back as it was when its reporter resubmitted the text the editor sent back', async () => {
    let resent = true;
    const decision = { id: 'd1', kind: 'changes_requested', revision: 2, editorId: 'u-ed', note: 'Is the 7 to 2 right?', publishAt: null, decidedAt: '2026-11-30T08:10:00Z' };
    const page = await openReview(() => ({
      articleId: 'a1', status: 'pending', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: resent ? 2 : 3, submittedAt: '2026-11-30T08:30:00Z',
      assigneeId: null, claimedAt: null, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 2, article, checks: [], comments: [], decisions: [decision], diff: null,
    }));
    await page.getByText(/^Sent back as it was: after the change request on revision 2, its reporter submitted the same text again\.$/).waitFor();
    await expect(page.getByText(/^First submission/).count()).resolves.toBe(0);
    // an edited resubmission is a newer revision: nothing to say then
    resent = false;
    await page.reload();
    await page.getByRole('heading', { name: 'Revision 3' }).waitFor();
    await expect(page.getByText(/^Sent back as it was/).count()).resolves.toBe(0);
  });

  it('says before approving that the revision rewrote what an editor corrected on the live story since, and asks again at Approve', async () => {
    const posts: string[] = [];
    const carryAsked: unknown[] = [];
    let status = 'in_review';
    let notCarried = ['headline'];
    let publishingDown = false;
    const revision3 = { ...article, headline: 'Night bus line opens; first riders at midnight' };
    const review = () => ({
      articleId: 'a1', status, headline: revision3.headline, section: 'politics', authorId: 'u-rhea', revision: 3, submittedAt: '2026-11-30T08:30:00Z',
      assigneeId: 'u-eve', claimedAt: '2026-11-30T08:40:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 2, article: revision3, checks: [], comments: [],
      decisions: status === 'approved' ? [{ id: 'd2', kind: 'approved', revision: 3, editorId: 'u-eve', note: null, publishAt: null, decidedAt: '2026-11-30T09:30:00Z' }] : [],
      diff: { fromRevision: 2, toRevision: 3, fields: { headline: { before: article.headline, after: revision3.headline } }, body: [] },
    });
    const page = await openReview(
      review,
      (action, json) => {
        posts.push(action);
        status = 'approved';
        return json(200, review());
      },
      (pathname, method, json) => {
        if (pathname !== '/api/publishing/v1/articles/a1/correction-carry' || method !== 'POST') return undefined;
        carryAsked.push(pathname);
        if (publishingDown) return json(503, { error: { code: 'PROXY.UNAVAILABLE', message: 'publishing did not answer' } });
        return json(200, {
          articleId: 'a1', liveRevision: 2, carried: ['body'], notCarried,
          corrections: [{ note: 'The line starts at Harwick, not Hartwick.', correctedAt: '2026-11-30T09:00:00Z', editorId: 'u-ed', changedFields: ['headline', 'body'] }],
        });
      },
    );
    const carry = page.locator('section.correction-carry');
    await carry.getByRole('heading', { name: 'Corrected on the site since this revision was written' }).waitFor();
    const said = (await carry.textContent()) ?? '';
    expect(said).toContain('Not carried: this revision has its own wording of the headline, so approving it puts that wording there in place of the corrected one.');
    expect(said).toContain('The correction of the body is carried into this revision as it goes live');
    expect(said).toContain('Ed Editor corrected the headline and the body');
    expect(said).toContain('The line starts at Harwick, not Hartwick.');
    await expect(carry.getByRole('link', { name: 'Read the live story (revision 2)' }).getAttribute('href')).resolves.toBe('/live/a1');
    // It comes before the decision it is about.
    const [carryBox, decideBox] = await Promise.all([carry.boundingBox(), page.locator('#decide-title').boundingBox()]);
    expect(carryBox!.y).toBeLessThan(decideBox!.y);
    await screenshotToLookAt(page, path.join(SHOTS, 'review-correction-not-carried.png'));
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(`axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))`)) as string[];
    expect(violations).toEqual([]);

    // Approve asks publishing again, then the editor; "no" sends nothing.
    const asked: string[] = [];
    answerNextDialog(page, 'dismiss', asked);
    await page.getByRole('button', { name: 'Approve' }).click();
    await eventually('the question before approving', () => asked.length > 0, { timeoutMs: 10_000 });
    expect(asked).toEqual([expect.stringContaining('This revision has its own wording of the headline, which an editor corrected on the live story after it was written')]);
    expect(carryAsked).toHaveLength(2);
    expect(posts).toEqual([]);
    // Publishing not answering at Approve does not unsay what it said: the editor is still asked.
    publishingDown = true;
    answerNextDialog(page, 'dismiss', asked);
    await page.getByRole('button', { name: 'Approve' }).click();
    await eventually('the question asked again', () => asked.length > 1, { timeoutMs: 10_000 });
    expect([asked[1], carryAsked.length, posts]).toEqual([asked[0], 3, []]);
    publishingDown = false;
    // "yes" approves, and the warning goes with the decision.
    answerNextDialog(page, 'accept', asked);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved; it goes live now.').waitFor();
    expect(posts).toEqual(['approve']);
    await expect(carry.count()).resolves.toBe(0);

    // A revision that took every correction in is approved without a question.
    status = 'in_review';
    notCarried = [];
    posts.length = 0;
    await page.reload();
    await page.locator('section.correction-carry').getByText(/^The correction of the body is carried/).waitFor();
    await expect(page.getByText(/^Not carried/).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved; it goes live now.').waitFor();
    expect([posts, asked.length]).toEqual([['approve'], 3]);
  });

  it("counts the queue's unclaimed stories beside its link and in the tab's title, and drops the count once none wait", async () => {
    let pending = 3;
    const review = () => ({
      articleId: 'a1', status: 'pending', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z',
      assigneeId: null, claimedAt: null, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
    });
    const page = await openReview(review, undefined, (pathname, method, json) =>
      pathname === '/api/editorial-review/v1/reviews' && method === 'GET' ? json(200, { items: pending > 0 ? [review()] : [], total: pending }) : undefined,
    );
    await page.getByRole('link', { name: 'Review queue (3 waiting)' }).waitFor();
    await expect(page.locator('.nav-count').textContent()).resolves.toBe('3');
    await expect(page.title()).resolves.toBe('(3) Review · Newsroom desk');
    // Another editor claimed the last ones; the next screen reads the count again.
    pending = 0;
    await page.getByRole('link', { name: /^Review queue/ }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    await eventually('the title without a count', async () => (await page.title()) === 'Review queue · Newsroom desk', { timeoutMs: 10_000 });
    await expect(page.locator('.nav-count').count()).resolves.toBe(0);
  });

  it("lists one section's stories in the queue when asked, keeps the choice in the address, and says when none of that section wait", async () => {
    const summary = (articleId: string, section: string, headline: string) => ({
      articleId, status: 'pending', headline, section, authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z', assigneeId: null, checkSummary: { errors: 0, warnings: 0 },
    });
    const waiting = [summary('a1', 'politics', 'Council votes on night buses'), summary('a2', 'business', 'Port tolls rise in spring')];
    const asked: (string | null)[] = [];
    const page = await openReview(
      () => ({ ...waiting[0], reviewedRevision: null, claimedAt: null, article, checks: [], comments: [], decisions: [], diff: null }),
      undefined,
      (pathname, method, json, query) => {
        if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }, { slug: 'business', label: 'Business' }, { slug: 'sport', label: 'Sport' }], version: 1 });
        if (pathname !== '/api/editorial-review/v1/reviews' || method !== 'GET') return undefined;
        if (query.get('status') === 'pending' && query.get('limit') === '100') asked.push(query.get('section'));
        const items = query.get('status') === 'pending' ? waiting.filter((item) => !query.get('section') || item.section === query.get('section')) : [];
        return json(200, { items, total: items.length });
      },
    );
    await page.getByRole('link', { name: /^Review queue/ }).click();
    const table = page.locator('table.list tbody');
    await table.getByRole('link', { name: 'Port tolls rise in spring' }).waitFor();
    await expect(table.locator('tr').count()).resolves.toBe(2);

    await page.getByLabel('Section').selectOption('business');
    await page.waitForURL(/\/queue\?section=business$/);
    await eventually('only the business story', async () => (await table.locator('tr').count()) === 1 && (await table.textContent())?.includes('Port tolls rise in spring'), { timeoutMs: 10_000 });
    // the choice stays with a reload, and the server did the filtering
    await page.reload();
    await expect(page.getByLabel('Section').inputValue()).resolves.toBe('business');
    await page.getByLabel('Section').selectOption('sport');
    await page.getByText('No Sport story is waiting for review.').waitFor();
    await page.getByLabel('Section').selectOption('');
    await page.waitForURL(/\/queue$/);
    await table.getByRole('link', { name: 'Council votes on night buses' }).waitFor();
    expect(asked.filter((section, i) => section !== asked[i - 1])).toEqual([null, 'business', 'sport', null]);
  });

  it('says it could not check for corrections when publishing does not know the question, and nothing for a story never live', async () => {
    let answer = { status: 404, body: { error: { code: 'ROUTE.NOT_FOUND', message: 'No such resource' } } };
    const posts: string[] = [];
    const page = await openReview(
      () => ({
        articleId: 'a1', status: 'in_review', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 3, submittedAt: '2026-11-30T08:30:00Z',
        assigneeId: 'u-eve', claimedAt: '2026-11-30T08:40:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 2, article, checks: [], comments: [], decisions: [],
        diff: { fromRevision: 2, toRevision: 3, fields: {}, body: [] },
      }),
      (action) => {
        posts.push(action);
        return undefined;
      },
      (pathname, method, json) => (pathname === '/api/publishing/v1/articles/a1/correction-carry' && method === 'POST' ? json(answer.status, answer.body) : undefined),
    );
    // A publishing that predates the question (a rollout under way) is no answer: said, not taken for "nothing corrected".
    await page.getByText(/^Publishing did not answer whether the live story was corrected after this revision was written\./).waitFor();
    // and Approve asks before going ahead unchecked; "no" sends nothing
    const asked: string[] = [];
    answerNextDialog(page, 'dismiss', asked);
    await page.getByRole('button', { name: 'Approve' }).click();
    await eventually('the question', () => asked.length > 0, { timeoutMs: 10_000 });
    expect([asked, posts]).toEqual([['Publishing did not answer whether the live story was corrected after this revision was written. Approve anyway?'], []]);
    answer = { status: 404, body: { error: { code: 'ARTICLE.NOT_FOUND', message: 'No published article with id a1' } } };
    await page.reload();
    await page.getByRole('heading', { name: 'Revision 3' }).waitFor();
    await expect(page.getByText(/^Publishing did not answer/).count()).resolves.toBe(0);
    await expect(page.locator('section.correction-carry').count()).resolves.toBe(0);
  });

  it('previews the revision under review as its public page, from publishing, in a frame that runs no script', async () => {
    const posted: unknown[] = [];
    const page = await openReview(
      () => ({
        articleId: 'a1', status: 'pending', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 2, submittedAt: '2026-11-30T08:00:00Z',
        assigneeId: null, claimedAt: null, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article, checks: [], comments: [], decisions: [], diff: null,
      }),
    );
    // Registered after the helper's, so asked first.
    await page.route('**/api/publishing/v1/preview', async (route) => {
      posted.push(route.request().postDataJSON());
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<html><head><link rel="canonical" href="https://site.test/articles/x"></head><body><p class="corrections-notice preview-banner">Preview</p><h1 class="headline">${article.headline}</h1><script>document.title = 'ran'</script></body></html>`,
      });
    });
    await page.getByRole('button', { name: 'Preview the public page' }).click();
    const frame = page.locator('iframe.preview-frame');
    await frame.waitFor();
    expect(posted).toEqual([article]);
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toContain(`<h1 class="headline">${article.headline}</h1>`);
    expect(srcdoc).toContain('<base href="https://site.test/">');
    await expect(page.frameLocator('iframe.preview-frame').locator('h1.headline').textContent()).resolves.toBe(article.headline);
    await page.getByRole('button', { name: 'Close preview' }).click();
    await expect(frame.count()).resolves.toBe(0);
  });

  it('lets the editor holding a story sub-edit its words, asking drafting again while it hears of the claim, then shows the edit under review', async () => {
    let revision = 1;
    let text: typeof article = article;
    const posts: { ifMatch: string | undefined; body: Record<string, unknown> }[] = [];
    let answer: 'not-yet' | 'ok' | 'stale' = 'not-yet';
    const review = () => ({
      articleId: 'a1', status: 'in_review', headline: text.headline, section: 'politics', authorId: 'u-rhea', revision, submittedAt: '2026-11-30T08:00:00Z',
      assigneeId: eve.id, claimedAt: '2026-11-30T08:05:00Z', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: null, article: text, checks: [], comments: [], decisions: [],
      submissions: Array.from({ length: revision }, (_, i) => ({ revision: i + 1, editedBy: i === 0 ? null : eve.id })),
      diff:
        revision === 2
          ? { fromRevision: 1, toRevision: 2, fields: { headline: { before: article.headline, after: text.headline, changes: [{ op: 'removed', text: article.headline }, { op: 'added', text: text.headline }] } }, body: [], summary: { blocksChanged: 1, blocksAdded: 0, blocksRemoved: 0, coarseTexts: 0 } }
          : revision > 2
            ? { fromRevision: revision - 1, toRevision: revision, fields: { section: { before: 'politics', after: 'transport' }, tags: { added: ['night-buses', 'harwick'], removed: [] } }, body: [], summary: { blocksChanged: 0, blocksAdded: 0, blocksRemoved: 0, coarseTexts: 0 } }
            : null,
    });
    const sections = { items: [{ slug: 'politics', label: 'Politics' }, { slug: 'transport', label: 'Transport' }] };
    const page = await openReview(review, undefined, (pathname, method, json) => (pathname === '/api/publishing/v1/site/sections' ? json(200, sections) : undefined));
    // The played drafting: registered after the helper's, so asked first.
    await page.route('**/api/drafting/v1/drafts/a1/sub-edits', async (route) => {
      const request = route.request();
      posts.push({ ifMatch: request.headers()['if-match'], body: request.postDataJSON() as Record<string, unknown> });
      const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      if (answer === 'not-yet') {
        answer = 'ok';
        return json(403, { error: { code: 'DRAFT.NOT_REVIEWER', message: 'Only the editor reviewing the story can edit its text during review; anyone else leaves a note', details: { reviewerId: null } } });
      }
      if (answer === 'stale') return json(412, { error: { code: 'DRAFT.VERSION_CONFLICT', message: 'The draft changed since version 2; it is now at version 3.', details: { currentVersion: 3 } } });
      const sent = request.postDataJSON() as Partial<typeof article>;
      text = { ...text, ...sent } as typeof article;
      revision += 1;
      return json(200, { id: 'a1', status: 'in_review', version: revision, article: text, activity: [] });
    });

    await page.getByText('Edit the text yourself').click();
    // Nothing changed: nothing sent.
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Nothing was changed, so nothing was saved.').waitFor();
    expect(posts).toHaveLength(0);

    await page.getByLabel('Headline').fill('Night bus N1 opens to the hospital');
    await page.getByText('Body text').click();
    await page.getByLabel('Paragraph 1').fill('The **N1** runs from midnight to 5am.');
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Your edit is revision 2, under review with you; what you changed is shown below.').waitFor();
    // Asked once more after drafting had not heard of the claim; the same edit, on the revision shown.
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual(posts[0]);
    expect(posts[0]).toEqual({
      ifMatch: '"1"',
      body: { headline: 'Night bus N1 opens to the hospital', body: [{ type: 'paragraph', text: 'The **N1** runs from midnight to 5am.' }, article.body[1]] },
    });
    // The page shows the edited revision, whose edit it is, and what changed.
    await page.getByRole('heading', { name: 'Revision 2' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Night bus N1 opens to the hospital' }).waitFor();
    await page.getByText(/revision 2 · submitted .* by Rhea Reporter · edited in review by you/).waitFor();
    // The revision's length beside its dateline, section and bylines: "The **N1** runs from midnight to 5am." and the quote.
    await page.getByRole('article', { name: 'Revision 2' }).getByText(/ · Rhea Reporter · 12 words$/).waitFor();
    await page.getByRole('heading', { name: 'Changes since revision 1' }).waitFor();
    await page.getByText('Revision 2 against Revision 1, the one you edited.', { exact: false }).waitFor();
    await screenshotToLookAt(page, path.join(SHOTS, 'review-sub-edited.png'));

    // Refiled: another section from the site's list, and tags in the words typed (filed as slugs); only what changed is sent.
    await page.getByText('Edit the text yourself').click();
    const form = page.locator('form.sub-edit');
    await expect(form.getByLabel('Section').inputValue()).resolves.toBe('politics');
    await form.getByLabel('Section').selectOption({ label: 'Transport' });
    await form.getByLabel('Tags').fill('Night Buses, Harwick, night buses');
    // before the field tidies itself, it says which spelling will go and why
    await form.getByText('Filed under: night-buses, harwick. “night buses” is the same tag as “Night Buses”: kept once.', { exact: true }).waitFor();
    await form.getByLabel('Tags').blur();
    await expect(form.getByLabel('Tags').inputValue()).resolves.toBe('Night Buses, Harwick');
    await form.getByText('Filed under: night-buses, harwick.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Your edit is revision 3, under review with you; what you changed is shown below.').waitFor();
    expect(posts.at(-1)).toEqual({ ifMatch: '"2"', body: { section: 'transport', tags: ['night-buses', 'harwick'], tagLabels: { 'night-buses': 'Night Buses', harwick: 'Harwick' } } });
    // The changes name the fields as the form does, and the sections by their labels.
    const sectionRow = page.locator('.diff-table tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Section' }) });
    await expect(sectionRow.locator('del').textContent()).resolves.toBe('Politics');
    await expect(sectionRow.locator('ins').textContent()).resolves.toBe('Transport');
    await page.getByRole('rowheader', { name: 'Tags' }).waitFor();
    // Shown as filed now, and taking the tags out again sends them as none.
    await page.getByText('Edit the text yourself').click();
    await expect(form.getByLabel('Section').inputValue()).resolves.toBe('transport');
    await form.getByLabel('Tags').fill(' , ');
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Your edit is revision 4, under review with you; what you changed is shown below.').waitFor();
    expect(posts.at(-1)).toEqual({ ifMatch: '"3"', body: { tags: [], tagLabels: null } });

    // The credits put right: a second byline, the reporter's kept with her account, and a more exact place.
    await page.getByText('Edit the text yourself').click();
    await expect(form.getByLabel('Bylines').inputValue()).resolves.toBe('Rhea Reporter');
    await expect(form.getByLabel('Date').inputValue()).resolves.toBe('2026-11-30');
    await form.getByLabel('Place').fill('Harwick Old Town');
    await form.getByLabel('Bylines').fill('Rhea Reporter, Tom Reyes');
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('Your edit is revision 5, under review with you; what you changed is shown below.').waitFor();
    expect(posts.at(-1)).toEqual({
      ifMatch: '"4"',
      body: { dateline: { place: 'Harwick Old Town', date: '2026-11-30' }, bylines: [{ name: 'Rhea Reporter', id: 'u-rhea' }, { name: 'Tom Reyes' }] },
    });

    // An edit of a revision that is no longer current is refused, and says so.
    answer = 'stale';
    await page.getByText('Edit the text yourself').click();
    await page.getByLabel('Standfirst').fill('Route N1 links the station with the hospital every 20 minutes.');
    await page.getByRole('button', { name: 'Save the edit' }).click();
    await page.getByText('The text changed since this page showed it (a newer revision); it is shown as it stands now. Make your edit again.').waitFor();
    expect(posts.at(-1)?.ifMatch).toBe('"5"');
  });

  it('shows each waiting story\'s length, says when the queue holds more than a page, and shows the newer stories on asking', async () => {
    const waiting = Array.from({ length: 130 }, (_, i) => ({
      articleId: `q${i}`, status: 'pending', headline: `Waiting story ${i}`, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z', assigneeId: null, checkSummary: { errors: 0, warnings: 0 },
      // an editorial review from before the count sends none
      ...(i === 2 ? {} : { words: i === 1 ? 1 : 150 + i * 10 }),
    }));
    const page = await openReview(
      () => ({ ...waiting[0], articleId: 'a1', reviewedRevision: null, claimedAt: null, article, checks: [], comments: [], decisions: [], diff: null }),
      undefined,
      (pathname, method, json, query) => {
        if (pathname !== '/api/editorial-review/v1/reviews' || method !== 'GET') return undefined;
        const items = query.get('status') === 'pending' ? waiting : [];
        const offset = Number(query.get('offset') ?? 0);
        return json(200, { items: items.slice(offset, offset + Number(query.get('limit') ?? 20)), total: items.length });
      },
    );
    await page.getByRole('link', { name: /^Review queue/ }).click();
    await page.getByText('Showing the 100 oldest of 130 stories; choose a section to narrow them.').waitFor();
    const rows = page.locator('table.list tbody tr');
    await expect(rows.count()).resolves.toBe(100);
    // Each story's length, so an editor can take a brief between longer pieces.
    const lengths = page.locator('table.list tbody tr td:nth-child(4)');
    await expect(page.locator('table.list thead th:nth-child(4)').textContent()).resolves.toBe('Length');
    await expect(lengths.nth(0).textContent()).resolves.toBe('150 words');
    await expect(lengths.nth(1).textContent()).resolves.toBe('1 word');
    await expect(lengths.nth(2).textContent()).resolves.toBe('—');
    await expect(lengths.nth(99).textContent()).resolves.toBe('1,140 words');
    await page.getByRole('button', { name: 'Show more' }).click();
    await page.getByRole('link', { name: 'Waiting story 129' }).waitFor();
    await expect(rows.count()).resolves.toBe(130);
    await expect(page.getByText(/^Showing the/).count()).resolves.toBe(0);
  });

  it('lists the live stories a hundred at a time with the rest a click away, and finds an older one by its words, the search in the address', async () => {
    const live = Array.from({ length: 250 }, (_, i) => ({ id: `l${i}`, headline: i === 230 ? 'Harbour crane ban upheld' : `Live story ${i}`, section: 'politics', uri: `http://site.test/articles/l${i}`, version: '1', versioncreated: '2026-11-30T08:00:00Z' }));
    const taken = Array.from({ length: 130 }, (_, i) => ({ articleId: `w${i}`, headline: `Withdrawn story ${i}`, section: 'politics', slug: `w${i}`, withdrawnAt: '2026-11-01T08:00:00Z', reason: 'Fact check', editorId: 'u-ed' }));
    const searches: string[] = [];
    const page = await openReview(
      () => ({ articleId: 'a1', status: 'approved', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 1, submittedAt: '2026-11-30T08:00:00Z', assigneeId: null, claimedAt: null, checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 1, article, checks: [], comments: [], decisions: [], diff: null }),
      undefined,
      (pathname, method, json, query) => {
        const offset = Number(query.get('offset') ?? 0);
        const limit = Number(query.get('limit') ?? 20);
        if (pathname === '/api/publishing/v1/articles') return json(200, { items: live.slice(offset, offset + limit), total: live.length });
        if (pathname === '/api/publishing/v1/withdrawn') return json(200, { items: taken.slice(offset, offset + limit), total: taken.length });
        if (pathname !== '/api/publishing/v1/search') return undefined;
        const q = query.get('q') ?? '';
        searches.push(q);
        if (q.length > 200) return json(400, { error: { code: 'REQUEST.VALIDATION_FAILED', message: 'q must be shorter than or equal to 200 characters' } });
        const found = live.filter((story) => story.headline.toLowerCase().includes(q.toLowerCase()));
        return json(200, { q, items: found.slice(offset, offset + limit), total: found.length, limit, offset });
      },
    );
    await page.getByRole('link', { name: 'Live stories' }).click();
    const rows = page.locator('table.list').first().locator('tbody tr');
    await page.getByText('Showing 100 of 250 live stories, the newest first.').waitFor();
    await expect(rows.count()).resolves.toBe(100);
    await page.getByRole('button', { name: 'Show 100 more' }).click();
    await page.getByText('Showing 200 of 250 live stories, the newest first.').waitFor();
    await expect(rows.count()).resolves.toBe(200);
    // The stories taken off the site page too: one taken down long ago may still need a kill.
    const withdrawnRows = page.locator('section[aria-labelledby="withdrawn-title"] table.list tbody tr');
    await page.getByText('Showing the 100 taken down last of 130.').waitFor();
    await expect(withdrawnRows.count()).resolves.toBe(100);
    await page.getByRole('button', { name: 'Show 30 more' }).click();
    await page.getByRole('link', { name: 'Withdrawn story 129' }).waitFor();
    await expect(withdrawnRows.count()).resolves.toBe(130);

    // The story to correct is older than the newest two hundred: found by its words.
    await page.getByLabel('Find a live story').fill('  crane ban ');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForURL(/\/live\?q=crane%20ban$/);
    await page.getByRole('heading', { name: 'Live stories matching “crane ban”' }).waitFor();
    await page.getByRole('link', { name: 'Harbour crane ban upheld' }).waitFor();
    await expect(page.getByRole('link', { name: 'Harbour crane ban upheld' }).getAttribute('href')).resolves.toBe('/live/l230');
    await page.getByText('1 matching story, best match first.').waitFor();
    expect(searches.at(-1)).toBe('crane ban');
    // a reload keeps the search; none found says so; back to the newest
    await page.reload();
    await expect(page.getByLabel('Find a live story').inputValue()).resolves.toBe('crane ban');
    await page.getByLabel('Find a live story').fill('tramway');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('No live story matches “tramway”.').waitFor();
    await page.getByRole('link', { name: 'Show the newest instead' }).click();
    await page.getByText('Showing 100 of 250 live stories, the newest first.').waitFor();
    // a search publishing refuses is said, not a blank list
    await page.getByLabel('Find a live story').evaluate((input, long) => ((input as unknown as { value: string }).value = long), 'x'.repeat(201));
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(/q must be shorter than or equal to 200 characters/).waitFor();
  });

  it("writes and shows a right-to-left story in its direction: the fields, the editor, the review's text, the desk's notes beside it left to right", async () => {
    const { page } = await openScreen({ version: 3, signedIn: true }, '/stories/d1');
    await page.getByRole('textbox', { name: 'Story body' }).getByText('runs from midnight.').waitFor();
    expect(await page.getByLabel('Headline').getAttribute('dir')).toBe('ltr');
    await page.getByLabel('Language').fill('ar');
    expect(await page.getByLabel('Headline').getAttribute('dir')).toBe('rtl');
    expect(await page.getByLabel('Standfirst').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('.editor-surface').getAttribute('dir')).toBe('rtl');
    // the revision as the reporter reads it
    await page.getByText(/^Revision 1 ·/).click();
    expect(await page.getByRole('article', { name: 'Revision 1' }).getAttribute('dir')).toBe('ltr');
    await page.getByLabel('Language').fill('he');
    expect(await page.getByLabel('Headline').getAttribute('dir')).toBe('rtl');
    await page.getByLabel('Language').fill('uk');
    expect(await page.locator('.editor-surface').getAttribute('dir')).toBe('ltr');
  });

  it('sends one correction, one reschedule and one removal on a double click, and says a story no longer waiting by its headline', async () => {
    const editor = { id: 'u-eve', email: 'eve@newsroom.test', name: 'Eve Editor', roles: ['editor'] };
    const posts: string[] = [];
    const corrections: unknown[] = [];
    let version = 3;
    let scheduled = true;
    let cancelledElsewhere = false;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const live = () => ({
      id: 'a1', headline: article.headline, description_text: article.standfirst, article: { body: article.body, dateline: article.dateline, bylines: article.bylines }, section: 'politics', uri: 'https://news.example/articles/night-bus',
      version: String(version), corrections: [], versioncreated: '2026-11-30T08:00:00Z', pubstatus: 'usable',
    });
    await page.route('**/api/**', async (route: Route) => {
      const request = route.request();
      const { pathname } = new URL(request.url());
      const json = (status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      if (pathname === '/api/session') return json(200, { user: editor, csrfToken: 'csrf-1' });
      if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }] });
      if (pathname === '/api/accounts/names') return json(200, { items: [] });
      if (pathname === '/api/drafting/v1/drafts/a1') return json(200, { status: 'published', article });
      if (pathname === '/api/publishing/v1/articles/a1' && request.method() === 'GET') return json(200, live());
      if (pathname === '/api/notifications/v1/deliveries') return json(200, { counts: { total: 0, sent: 0, pending: 0, sending: 0, failed: 0, cancelled: 0 }, speed: [], deliveries: [], article: null });
      // A newer revision is with Ed, and it rewrote the headline the correction is about.
      if (pathname === '/api/editorial-review/v1/reviews/a1') return json(200, { status: 'in_review', revision: 3, assigneeId: 'u-ed', article });
      if (pathname === '/api/publishing/v1/articles/a1/correction-carry') return json(200, { carried: [], notCarried: ['headline'], corrections: [], liveRevision: 2 });
      if (pathname === '/api/publishing/v1/scheduled') {
        const nextWeek = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
        const corrections = { carried: ['body'], notCarried: ['headline'] };
        return json(200, { items: scheduled ? [{ articleId: 'a2', headline: 'Ferry timetable changes', section: 'politics', publishAt: nextWeek, dueAt: nextWeek, embargoUntil: null, updatesLive: true, corrections }] : [] });
      }
      if (request.method() === 'POST') {
        posts.push(pathname.split('/').pop() as string);
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (pathname === '/api/publishing/v1/articles/a1/corrections') {
          corrections.push(request.postDataJSON());
          // a second request, made from the version the first one changed, would be refused: 412
          if (request.headers()['if-match'] !== `"${version}"`) return json(412, { error: { code: 'ARTICLE.VERSION_CONFLICT', message: 'The live text changed' } });
          version += 1;
          return json(201, live());
        }
        if (pathname === '/api/publishing/v1/articles/a1/unpublish') return json(200, { ...live(), pubstatus: 'withdrawn' });
        if (pathname === '/api/publishing/v1/articles/a2/reschedule') {
          if (!scheduled || cancelledElsewhere) {
            scheduled = false;
            return json(409, { error: { code: 'ARTICLE.NOTHING_SCHEDULED', message: 'Article a2 has no approved revision waiting for its time' } });
          }
          scheduled = false; // a time already past: it went live
          return json(200, { articleId: 'a2', status: 'published' });
        }
      }
      return json(404, { error: { code: 'TEST.NOT_ROUTED', message: pathname } });
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await page.goto(`${base}/live/a1`);
    await page.getByLabel('Correction note (shown to readers)').fill('The N1 runs from midnight, not 1am. An earlier version misspelt the reporter’s name.');
    // A byline respelled keeps its reporter's account; the dateline is left as it was, so it is not sent.
    const correctionForm = page.getByRole('form', { name: 'Correction' });
    await expect(correctionForm.getByLabel('Place').inputValue()).resolves.toBe('Harwick');
    await correctionForm.getByLabel('Bylines').fill('Rhéa Reporter');
    await page.getByRole('button', { name: 'Publish correction' }).dblclick();
    await page.getByText('Correction published.').waitFor();
    expect(corrections).toEqual([{ note: 'The N1 runs from midnight, not 1am. An earlier version misspelt the reporter’s name.', changes: { bylines: [{ name: 'Rhéa Reporter', id: 'u-rhea' }] } }]);
    await expect(page.getByText(/make the correction again/).count()).resolves.toBe(0);
    await page.getByText(/^Revision 3, with the editors, has its own wording of the headline, so it would go live there without the correction\. .+ is asked about it before approving\.$/).waitFor();

    const asked: string[] = [];
    answerNextDialog(page, 'accept', asked);
    await page.getByRole('form', { name: 'Unpublish' }).getByLabel('Reason (kept internally)').fill('Fact check');
    await page.getByRole('button', { name: 'Unpublish' }).dblclick();
    await page.getByText('Unpublished: the page now answers "gone".').waitFor();
    expect(asked).toHaveLength(1);

    await page.goto(`${base}/schedule`);
    // The update waiting was written before a correction of the live headline: said before it goes live.
    await page.getByText(/^Corrected on the site since it was approved: the headline will go live in this revision's words, without the correction\./).waitFor();
    // On a phone the time field shows the whole date and time; the button goes below it, not over it.
    await page.setViewportSize({ width: 390, height: 844 });
    const timeBox = await page.getByLabel('New time for “Ferry timetable changes”').boundingBox();
    const buttonBox = await page.getByRole('button', { name: 'Reschedule' }).boundingBox();
    expect(timeBox?.width).toBeGreaterThanOrEqual(260);
    expect(buttonBox!.y).toBeGreaterThanOrEqual(timeBox!.y + timeBox!.height);
    await page.setViewportSize({ width: 1280, height: 900 });
    // A time already past publishes at once: asked first, and "no" sends nothing.
    await page.getByLabel('New time for “Ferry timetable changes”').fill('2026-11-29T08:00');
    const rescheduleAsked: string[] = [];
    answerNextDialog(page, 'dismiss', rescheduleAsked);
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await eventually('the question', () => rescheduleAsked.length > 0, { timeoutMs: 10_000 });
    expect(rescheduleAsked).toEqual([expect.stringMatching(/ has passed: “Ferry timetable changes” would go live at once\. Go ahead\?$/)]);
    expect(posts).toEqual(['corrections', 'unpublish']);
    // "yes", on a double click: asked once, sent once.
    answerNextDialog(page, 'accept', rescheduleAsked);
    await page.getByRole('button', { name: 'Reschedule' }).dblclick();
    await page.getByText('Nothing is scheduled.').waitFor();
    await expect(page.locator('.notice-error').count()).resolves.toBe(0);
    expect([rescheduleAsked.length, posts]).toEqual([2, ['corrections', 'unpublish', 'reschedule']]);

    // Another editor cancelled it while this one looked: said by its headline, and the list follows.
    scheduled = true;
    await page.reload();
    cancelledElsewhere = true;
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByText('“Ferry timetable changes” is no longer waiting: it went live or was cancelled meanwhile.').waitFor();
    await page.getByText('Nothing is scheduled.').waitFor();

    // The list follows changes made elsewhere while the focus rests on one of its buttons, but
    // holds still while a new time is typed and not sent.
    scheduled = true;
    cancelledElsewhere = false;
    await page.reload();
    await page.getByRole('button', { name: 'Cancel publication' }).focus();
    scheduled = false;
    await page.getByText('Nothing is scheduled.').waitFor({ timeout: 10_000 });
    scheduled = true;
    await page.reload();
    await page.getByLabel('New time for “Ferry timetable changes”').fill('2030-01-01T08:00');
    await page.getByRole('heading', { name: 'Schedule' }).click();
    scheduled = false;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await expect(page.getByLabel('New time for “Ferry timetable changes”').inputValue()).resolves.toBe('2030-01-01T08:00');
  });

  it('lists the schedule a hundred at a time, soonest first, with what is due later a click away', async () => {
    const editor = { id: 'u-eve', email: 'eve@newsroom.test', name: 'Eve Editor', roles: ['editor'] };
    const start = Date.now() + 3_600_000;
    const waiting = Array.from({ length: 130 }, (_, i) => {
      const due = new Date(start + i * 60_000).toISOString();
      return { articleId: `s${i}`, revision: 1, headline: `Scheduled story ${i}`, section: 'politics', publishAt: due, dueAt: due, embargoUntil: null, updatesLive: false, slug: null, corrections: { carried: [], notCarried: [] } };
    });
    const asked: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.route('**/api/**', async (route: Route) => {
      const { pathname, searchParams } = new URL(route.request().url());
      const json = (status: number, body: unknown): Promise<void> => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      if (pathname === '/api/session') return json(200, { user: editor, csrfToken: 'csrf-1' });
      if (pathname === '/api/publishing/v1/site/sections') return json(200, { items: [{ slug: 'politics', label: 'Politics' }] });
      if (pathname === '/api/accounts/names') return json(200, { items: [] });
      if (pathname === '/api/publishing/v1/scheduled') {
        const offset = Number(searchParams.get('offset') ?? 0);
        const limit = Number(searchParams.get('limit') ?? 100);
        asked.push(`${offset}+${limit}`);
        return json(200, { items: waiting.slice(offset, offset + limit), total: waiting.length });
      }
      return json(404, { error: { code: 'TEST.NOT_ROUTED', message: pathname } });
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await page.goto(`${base}/schedule`);
    const cards = page.locator('ul.cards > li');
    await page.getByText('Showing the 100 due soonest of 130.').waitFor();
    await expect(cards.count()).resolves.toBe(100);
    await expect(cards.first().getByRole('heading').textContent()).resolves.toBe('Scheduled story 0');
    await page.getByRole('button', { name: 'Show 30 more' }).click();
    await page.getByRole('heading', { name: 'Scheduled story 129' }).waitFor();
    await expect(cards.count()).resolves.toBe(130);
    await expect(page.getByText(/^Showing the/).count()).resolves.toBe(0);
    expect(asked).toContain('100+100');
    await page.close();
  });

  it('lists comments and decisions in the order they were made, says when an approval goes live, and shows a review another editor decided meanwhile as it stands', async () => {
    let approvedElsewhere = false;
    const review = () => ({
      articleId: 'a1', status: approvedElsewhere ? 'approved' : 'in_review', headline: article.headline, section: 'politics', authorId: 'u-rhea', revision: 2, submittedAt: '2026-11-30T08:00:00Z',
      assigneeId: 'u-eve', checkSummary: { errors: 0, warnings: 0 }, reviewedRevision: 1, article, checks: [], diff: null,
      comments: [
        { id: 'c1', revision: 1, editorId: 'u-ed', body: 'Which night buses?', createdAt: '2026-11-30T08:10:00Z' },
        { id: 'c2', revision: 1, editorId: 'u-ed', body: 'Thanks, that reads better.', createdAt: '2026-11-30T08:40:00Z' },
      ],
      decisions: [
        { id: 'd1', kind: 'changes_requested', revision: 1, editorId: 'u-ed', note: 'Name the route.', publishAt: null, decidedAt: '2026-11-30T08:20:00Z' },
        ...(approvedElsewhere ? [{ id: 'd2', kind: 'approved', revision: 2, editorId: 'u-ed', note: null, publishAt: '2030-01-01T09:00:00Z', embargoUntil: null, priority: 'breaking', decidedAt: '2026-11-30T09:00:00Z' }] : []),
      ],
    });
    const page = await openReview(review, (action, json) => {
      if (action !== 'approve') return undefined;
      approvedElsewhere = true; // Ed decided a moment before
      return json(409, { error: { code: 'REVIEW.CLOSED', message: 'The review of article a1 is closed (approved)' } });
    });
    const history = page.getByRole('region', { name: 'Comments and decisions' }).getByRole('listitem');
    await history.nth(2).waitFor();
    await expect(history.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Ed Editor on revision 1 · .*Which night buses\?$/),
      expect.stringMatching(/^changes requested by Ed Editor, revision 1 · .*Name the route\.$/),
      expect.stringMatching(/^Ed Editor on revision 1 · .*Thanks, that reads better\.$/),
    ]);

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/The review below is as it stands now\.$/).waitFor();
    await page.getByText('Status: approved', { exact: false }).waitFor();
    await expect(page.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await expect(history.last().textContent()).resolves.toMatch(/^approved by Ed Editor, revision 2 · .* · to go live .*2030.*, breaking$/);
  });
});
