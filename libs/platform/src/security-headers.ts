import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * Paths of the API documentation (Swagger UI and its assets, the OpenAPI JSON). Swagger UI runs
 * its own scripts and styles, so it gets every header but a script-restricting
 * Content-Security-Policy; it still may not be framed.
 */
export function isDocsPath(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-json');
}

/** Content-Security-Policy directives by name, as helmet takes them: `{ 'img-src': ["'self'"] }`. */
export type ContentSecurityPolicy = Record<string, string[]>;

/**
 * The policy of JSON APIs and of server-rendered pages without one of their own (notifications'
 * subscriber pages): nothing runs, styles from the same origin or inline (those pages carry a
 * small stylesheet inline), images from the same origin, forms post back here.
 */
export const DEFAULT_CONTENT_SECURITY_POLICY: ContentSecurityPolicy = {
  'default-src': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
};

/**
 * The security headers of every service (helmet 8), the one place they are chosen: no
 * `X-Powered-By`; `nosniff`; `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'` on every
 * response, whatever policy a service brings (no page, the docs included, can be framed by
 * another site: clickjacking); HSTS; a strict referrer policy; cross-origin isolation of the
 * opener. `contentSecurityPolicy` is the service's own policy (publishing's public site passes
 * its own through `ServiceDescription.contentSecurityPolicy`); the API documentation at `/docs`
 * runs Swagger UI's scripts and styles, so it gets a same-origin policy instead.
 */
export function securityHeaders(contentSecurityPolicy: ContentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY): RequestHandler {
  const common = {
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
    frameguard: { action: 'deny' as const },
  };
  const noFraming = { 'frame-ancestors': ["'none'"] };
  const pages = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: { ...contentSecurityPolicy, ...noFraming } } });
  const docs = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'", "'unsafe-inline'", 'data:'], ...noFraming } } });
  return (request: Request, response: Response, next: NextFunction) => (isDocsPath(request.path) ? docs : pages)(request, response, next);
}

/** Installs `securityHeaders` on a service, before any route answers. */
export function useSecurityHeaders(app: INestApplication, contentSecurityPolicy?: ContentSecurityPolicy): void {
  app.use(securityHeaders(contentSecurityPolicy));
}
