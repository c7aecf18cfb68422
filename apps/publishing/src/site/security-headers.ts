import type { ContentSecurityPolicy } from '@newsroom/platform';

/** Where a share button's redirect leads (site/rendering/share-links.ts). */
const SHARE_TARGETS = ['mailto:', 'https://x.com', 'https://www.facebook.com', 'https://www.linkedin.com', 'https://wa.me'];

/**
 * The Content-Security-Policy of the site: one first-party script (the "Get alerts" button,
 * /alerts.js) and the service worker (/sw.js), nothing inline; styles and fonts only from this
 * origin, images from here, the configured image origins (IMAGE_ORIGINS: drafting's uploads,
 * a CDN; an http:// one in local development) or any https host (image servers).
 * JSON-LD blocks are data, not scripts, and are unaffected. The other security headers, and
 * `frame-ancestors 'none'`, come with it from libs/platform's `securityHeaders`.
 */
export function siteContentSecurityPolicy(publicBaseUrl: string, imageOrigins: readonly string[] = [], notificationsUrl?: string): ContentSecurityPolicy {
  const publicOrigin = new URL(publicBaseUrl).origin;
  const alerts = notificationsUrl === undefined ? undefined : alertTargets(notificationsUrl);
  return {
    'default-src': ["'none'"],
    ...(alerts && { 'script-src': ["'self'"], 'worker-src': ["'self'"], 'connect-src': [alerts.api] }),
    'style-src': ["'self'"],
    'img-src': [...new Set(["'self'", publicOrigin, ...imageOrigins, 'https:'])],
    'font-src': ["'self'"],
    'base-uri': ["'none'"],
    // The search box submits to /search on this origin. The share buttons post here too and are
    // redirected to the networks' share pages, which browsers check against form-action as well.
    // The signup form posts to notifications' /subscribe, and nowhere else there.
    'form-action': ["'self'", ...SHARE_TARGETS, ...(alerts ? [alerts.form] : [])],
  };
}

/**
 * What the alert features reach on the notifications service: the form's exact target (a CSP
 * source with a path matches that path only) and the origin the button's script calls
 * (the VAPID key, the push subscription).
 */
function alertTargets(notificationsUrl: string): { form: string; api: string } {
  return { form: `${notificationsUrl}/subscribe`, api: new URL(notificationsUrl).origin };
}
