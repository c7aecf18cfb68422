import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Where a share button's redirect leads (site/rendering/share-links.ts). */
const SHARE_TARGETS = ['mailto:', 'https://x.com', 'https://www.facebook.com', 'https://www.linkedin.com', 'https://wa.me'];

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
    // The search box submits to /search on this origin. The share buttons post here too and are
    // redirected to the networks' share pages, which browsers check against form-action as well.
    'form-action': ["'self'", ...SHARE_TARGETS],
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
