import type { LimitedRoute, RateLimits } from '@newsroom/platform';

/**
 * Limits of the routes anyone can call without logging in. Per client: enough
 * for a household behind one address; per target: a few e-mails to one address
 * an hour, a few uses of one link, a few registrations of one browser. Each can
 * be changed with RATE_LIMITS (docs/deployment.md, "Rate limits").
 */
export const NOTIFICATIONS_RATE_LIMITS: RateLimits = {
  // One address can stand for a whole office, campus or mobile carrier (carrier-grade NAT), and
  // a breaking story brings its readers at once. What a sign-up can do to anyone is bounded per
  // address (a confirmation e-mail, 3 an hour) and by double opt-in, so the client limit is only
  // against one sender signing up addresses by the hundred.
  'signup:client': { points: 60, durationSeconds: 3600 },
  'signup:target': { points: 3, durationSeconds: 3600 },
  'confirm:client': { points: 30, durationSeconds: 600 },
  'confirm:target': { points: 10, durationSeconds: 600 },
  'preferences:client': { points: 60, durationSeconds: 600 },
  'preferences:target': { points: 30, durationSeconds: 600 },
  'unsubscribe:client': { points: 30, durationSeconds: 600 },
  'unsubscribe:target': { points: 10, durationSeconds: 600 },
  // Per link, and per client only against floods: see the route below.
  'one-click-unsubscribe:client': { points: 2000, durationSeconds: 600 },
  'one-click-unsubscribe:target': { points: 10, durationSeconds: 600 },
  'push-subscribe:client': { points: 10, durationSeconds: 3600 },
  'push-subscribe:target': { points: 5, durationSeconds: 3600 },
  'push-replace:client': { points: 10, durationSeconds: 3600 },
  'push-replace:target': { points: 5, durationSeconds: 3600 },
  // A page asks after its reader followed the preference link, and once a day otherwise.
  'push-status:client': { points: 120, durationSeconds: 3600 },
  'push-status:target': { points: 30, durationSeconds: 3600 },
  'alert-click:client': { points: 120, durationSeconds: 600 },
};

const field = (value: unknown, ...path: string[]): string | undefined => {
  const found = path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
  return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
};

/** The login-free routes and what each is about: the address signing up, the signed link, the browser's endpoint. */
export const NOTIFICATIONS_LIMITED_ROUTES: readonly LimitedRoute[] = [
  // The JSON API and the site's form (notifications' /subscribe) share one budget per client and address.
  // A refused form or request (400) sends no e-mail, so it does not count against its address:
  // a reader correcting a mistyped time zone is not locked out for an hour.
  {
    name: 'signup',
    methods: ['POST'],
    path: /^\/(?:v1\/subscribers|subscribe)\/?$/,
    target: (request) => field(request.body, 'email')?.toLowerCase(),
    refusalsFreeForTarget: true,
  },
  { name: 'confirm', methods: ['GET', 'POST'], path: /^\/v1\/subscribers\/confirm\/?$/, target: (request) => field(request.query, 'token') },
  { name: 'preferences', methods: ['GET', 'POST'], path: /^\/preferences\/?$/, target: (request) => field(request.query, 'token') },
  { name: 'unsubscribe', methods: ['GET'], path: /^\/unsubscribe\/?$/, target: (request) => field(request.query, 'token') },
  // The unsubscribe itself (the page's button, and RFC 8058's one-click POST) is counted per link,
  // and per client only far above what a page's readers send. One-click POSTs come from the
  // mailbox provider's servers, not the reader's browser: a few addresses speak for thousands of
  // readers after a large send, and the page's per-client limit would refuse most of them, with
  // no one to retry. The client limit still bounds a flood of forged links, each of which is
  // counted (a row per link) before its signature is checked.
  { name: 'one-click-unsubscribe', methods: ['POST'], path: /^\/unsubscribe\/?$/, target: (request) => field(request.query, 'token') },
  { name: 'alert-click', methods: ['POST'], path: /^\/v1\/alert-clicks\/?$/ },
  { name: 'push-subscribe', methods: ['POST'], path: /^\/v1\/push-subscriptions\/?$/, target: (request) => field(request.body, 'subscription', 'endpoint') },
  // Per old endpoint: a browser reports a rotation once from its service worker and once from a page.
  { name: 'push-replace', methods: ['POST'], path: /^\/v1\/push-subscriptions\/replacements\/?$/, target: (request) => field(request.body, 'oldEndpoint') },
  { name: 'push-status', methods: ['POST'], path: /^\/v1\/push-subscriptions\/status\/?$/, target: (request) => field(request.body, 'endpoint') },
];
