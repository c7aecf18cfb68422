import { siteContentSecurityPolicy } from './security-headers';

describe(siteContentSecurityPolicy.name, () => {
  it('lets forms post to the notifications service\'s /subscribe and nowhere else there', () => {
    const policy = siteContentSecurityPolicy('https://news.example', [], 'https://alerts.example/base');
    expect(policy['form-action']).toContain('https://alerts.example/base/subscribe');
    expect(policy['form-action']).not.toContain('https://alerts.example');
  });

  it('allows the first-party alerts script and service worker, and calls to the notifications origin only', () => {
    const policy = siteContentSecurityPolicy('https://news.example', [], 'https://alerts.example/base');
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['worker-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(['https://alerts.example']);
  });

  it('runs no script at all when the site offers no alerts', () => {
    const policy = siteContentSecurityPolicy('https://news.example');
    expect(policy['script-src']).toBeUndefined();
    expect(policy['connect-src']).toBeUndefined();
    expect(policy['default-src']).toEqual(["'none'"]);
  });
});
