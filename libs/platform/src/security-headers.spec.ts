import express from 'express';
import request from 'supertest';
import { DEFAULT_CONTENT_SECURITY_POLICY, securityHeaders, type ContentSecurityPolicy } from './security-headers';

function appWith(policy?: ContentSecurityPolicy): express.Express {
  const app = express();
  app.use(securityHeaders(policy));
  app.get(['/', '/docs', '/docs/swagger-ui.css', '/docs-json'], (_request, response) => {
    response.send('ok');
  });
  return app;
}

const SITE_POLICY: ContentSecurityPolicy = { 'default-src': ["'none'"], 'img-src': ["'self'", 'https:'], 'form-action': ["'self'", 'https://wa.me'] };

describe(securityHeaders.name, () => {
  it('sends the platform policy and forbids framing by default', async () => {
    const response = await request(appWith()).get('/');
    expect(response.headers['content-security-policy']).toContain(DEFAULT_CONTENT_SECURITY_POLICY['default-src'].join(' '));
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it("sends a service's own policy with the same headers: never framed, whatever the policy says", async () => {
    const response = await request(appWith(SITE_POLICY)).get('/');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("img-src 'self' https:");
    expect(policy).toContain("form-action 'self' https://wa.me");
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it.each(['/docs', '/docs/swagger-ui.css', '/docs-json'])('lets the API documentation (%s) run Swagger UI, still unframed', async (path) => {
    const response = await request(appWith(SITE_POLICY)).get(path);
    expect(response.headers['content-security-policy']).toContain("default-src 'self' 'unsafe-inline' data:");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });
});
