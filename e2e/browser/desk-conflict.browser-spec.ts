/**
 * The reporter's autosave when the story was saved elsewhere meanwhile: drafting answers 412,
 * the desk shows both versions and keeps the reporter's text, and "Keep my version" saves it
 * over the newer one with that version's If-Match. The desk's API is played by the test
 * (playwright's request routing), so the exact moment of the conflict is the test's to choose;
 * the built web app is served from dist/ as the desk serves it (index.html for every path).
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Route } from 'playwright-core';
import { WORKSPACE_ROOT, ensureChromium } from '@newsroom/testing';

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

describe('the desk when a story changed elsewhere', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('the desk web app is not built: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    [server, browser] = await Promise.all([serveWebApp(), chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox'] })]);
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

    await page.screenshot({ path: path.join(SHOTS, 'story-conflict-desktop.png'), fullPage: true });
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(`axe.run(document).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id))`)) as string[];
    expect(violations).toEqual([]);

    await page.getByRole('button', { name: 'Keep my version' }).click();
    await page.getByText(/^Saved \(version 6\)/).waitFor();
    expect(patches).toHaveLength(2);
    expect(patches[1].ifMatch).toBe('"5"');
    expect(patches[1].body.body[0].text).toBe('The **N1** runs from midnight. Mine, typed here.');
  });
});
