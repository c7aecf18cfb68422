import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';

/**
 * Paths of the API documentation (Swagger UI and its assets, the OpenAPI JSON). Swagger UI runs
 * its own scripts and styles, so it gets every header but a script-restricting
 * Content-Security-Policy; it still may not be framed.
 */
export function isDocsPath(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-json');
}

/**
 * The security headers of every service (helmet 8): no `X-Powered-By`; `nosniff`;
 * `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'` (no page, the docs included, can be
 * framed by another site: clickjacking); HSTS; a strict referrer policy; cross-origin
 * isolation of the opener. JSON APIs and server-rendered pages get `default-src 'none'`: no
 * script, styles from the same origin or inline, images from the same origin; a service with pages of its own (publishing's site)
 * sets its own policy on top in its `configure`.
 */
export function useSecurityHeaders(app: INestApplication): void {
  const common = {
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    frameguard: { action: 'deny' as const },
  };
  const pages = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        // Server-rendered pages (subscriber pages) carry their small stylesheet inline; no script runs anywhere.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      },
    },
  });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'", "'unsafe-inline'", 'data:'], 'frame-ancestors': ["'none'"] } },
  });
  app.use((request: Parameters<typeof pages>[0] & { path: string }, response: Parameters<typeof pages>[1], next: (error?: unknown) => void) =>
    (isDocsPath(request.path) ? docs : pages)(request, response, next),
  );
}
