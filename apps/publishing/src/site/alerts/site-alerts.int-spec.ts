/**
 * The site's side of reader alerts on the running publishing service (real PostgreSQL and
 * broker): the signup box on the front and section pages, the Content-Security-Policy that lets
 * exactly its target and the first-party scripts through, and the service worker's headers.
 */
import type { ServiceUnderTest } from '@newsroom/test-harness';
import { PublishingUnderTest } from '../../../test/publishing-under-test';

jest.setTimeout(120_000);

describe('reader alerts on the site', () => {
  let publishing: PublishingUnderTest;
  let service: ServiceUnderTest;
  const ALERTS = 'https://alerts.example.org';

  beforeAll(async () => {
    publishing = await PublishingUnderTest.start('publishing_site_alerts', { PUBLIC_BASE_URL: 'https://news.example.org', NOTIFICATIONS_PUBLIC_URL: ALERTS, SITE_SECTIONS: 'politics=Politics,world=World' });
    service = publishing.service;
  });

  afterAll(() => publishing?.stop());

  const page = (path: string) => service.anonymous.get(path, { headers: { accept: 'text/html' } });

  it('puts a form that posts to the notifications service on the front page, and lets the CSP allow exactly that target', async () => {
    const front = await page('/');
    expect(front.status).toBe(200);
    expect(front.text).toContain(`<form class="subscribe-form" method="post" action="${ALERTS}/subscribe">`);
    const csp = front.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`form-action 'self' [^;]*${ALERTS}/subscribe(;|$)`));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain(`connect-src ${ALERTS}`);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('ticks the section on its own page', async () => {
    const section = await page('/sections/world');
    expect(section.status).toBe(200);
    expect(section.text).toContain('<input type="checkbox" name="sections" value="world" checked> World</label>');
    expect(section.text).toContain('<input type="checkbox" name="sections" value="politics"> Politics</label>');
  });

  it('serves the service worker at the root (scope: the whole site), as JavaScript, checked on every visit', async () => {
    const worker = await service.anonymous.get('/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    expect(worker.text).toContain("self.addEventListener('push'");
    expect(worker.text).toContain(`const ALERTS_URL = "${ALERTS}";`);

    const script = await service.anonymous.get('/alerts.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain("navigator.serviceWorker.register('/sw.js', { scope: '/' })");
  });
});
