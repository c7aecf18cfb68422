/**
 * "Sign in with …" in Debian's chromium: the desk as a process from dist/ (`npm run build`
 * first), serving the built web app, on `localhost`, a real OpenID provider (oidc-provider) on
 * `127.0.0.1` — another site, so the redirects back are cross-site as with a real provider and
 * the desk's SameSite cookies are put to the test. The admin clicks the link on the sign-in
 * page, the provider signs them in at once, and the desk opens on their start page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import {
  TestIdentityProvider,
  WORKSPACE_ROOT,
  createTestDatabase,
  CHROMIUM_ARGS, ensureChromium,
  freePort,
  startLocalBroker,
  standaloneDeskEnvironment,
  startServiceProcess,
  screenshotToLookAt,
  testJwksFile,
  type LocalBroker,
  type ServiceProcess,
  type TestDatabase,
} from '@newsroom/testing';

jest.setTimeout(120_000);

const WEB_DIR = path.join(WORKSPACE_ROOT, 'dist/apps/desk/web');
const SHOTS = path.join(WORKSPACE_ROOT, 'tmp/desk-screenshots');
const ADMIN = { email: 'ada@desk.test', password: 'a long admin password' };

describe('signing in to the desk through the identity provider', () => {
  let broker: LocalBroker;
  let db: TestDatabase;
  let provider: TestIdentityProvider;
  let desk: ServiceProcess;
  let browser: Browser;
  let deskUrl: string;

  beforeAll(async () => {
    if (!existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error('the desk web app is not built: npm run build');
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    deskUrl = `http://localhost:${port}`;
    [broker, db, provider, browser] = await Promise.all([
      startLocalBroker(),
      createTestDatabase('desk_oidc_browser'),
      TestIdentityProvider.start({ clientId: 'newsroom-desk', clientSecret: 'the desk client secret', redirectUri: `${deskUrl}/auth/oidc/callback` }),
      chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_ARGS] }),
    ]);
    desk = await startServiceProcess('desk', {
      PORT: String(port),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers.join(','),
      JWT_JWKS_FILE: testJwksFile(),
      LOG_LEVEL: 'error',
      DESK_WEB_DIR: WEB_DIR,
      ...standaloneDeskEnvironment(deskUrl, ADMIN),
      ...provider.deskSettings('Newsroom ID'),
    }, { logDir: 'tmp/desk-oidc-browser-logs', readyTimeoutMs: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
    await provider?.close();
    await db?.drop();
    await broker?.stop();
  });

  it('signs the admin in with one click and opens their start page', async () => {
    provider.next = { person: { sub: 'ada-at-the-provider', email: ADMIN.email, email_verified: true } };
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.goto(`${deskUrl}/sign-in`);
    const link = page.getByRole('link', { name: 'Sign in with Newsroom ID' });
    await link.waitFor();
    await screenshotToLookAt(page, path.join(SHOTS, 'sign-in-with-provider.png'));

    await link.click();
    await page.waitForURL(`${deskUrl}/accounts`);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.getByText('Desk admin (admin)').waitFor();
    await screenshotToLookAt(page, path.join(SHOTS, 'signed-in-through-provider.png'));
    await page.close();
  });
});
