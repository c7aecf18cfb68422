import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy of the site: no scripts at all, styles and fonts only from this
 * origin, images from here or any https host (article images live on image servers).
 * JSON-LD blocks are data, not scripts, and are unaffected.
 */
export function siteContentSecurityPolicy(publicBaseUrl: string): Record<string, string[]> {
  const publicOrigin = new URL(publicBaseUrl).origin;
  return {
    'default-src': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", publicOrigin, 'https:'],
    'font-src': ["'self'"],
    'base-uri': ["'none'"],
    // The search box submits to /search on this origin; no other form exists.
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Security headers on every response (nosniff, referrer policy, frame protection, the CSP
 * above). The API documentation at /docs runs Swagger UI's scripts, so it gets the same
 * headers without the CSP.
 */
export function securityHeaders(publicBaseUrl: string): RequestHandler {
  const common = {
    crossOriginResourcePolicy: { policy: 'cross-origin' as const },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  };
  const site = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: siteContentSecurityPolicy(publicBaseUrl) } });
  const docs = helmet({ ...common, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (isDocs(req.path) ? docs : site)(req, res, next);
}

function isDocs(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-json');
}
