import type { LimitedRoute, RateLimits } from '@newsroom/platform';

/**
 * Failed sign-in attempts: per client address (someone trying many accounts) and per e-mail
 * address (many clients trying one account); a password sign-in that succeeds is given back, so
 * nobody is locked out by signing in often. Over either: 429 REQUEST.RATE_LIMITED with Retry-After.
 */
export const DESK_RATE_LIMITS: RateLimits = {
  'sign-in:client': { points: 30, durationSeconds: 10 * 60 },
  'sign-in:target': { points: 10, durationSeconds: 15 * 60 },
};

export const DESK_LIMITED_ROUTES: readonly LimitedRoute[] = [
  {
    name: 'sign-in',
    methods: ['POST'],
    path: /^\/api\/session$/,
    failuresOnly: true,
    target: (request) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
    },
  },
  // Setting a password through an invitation link is a guess at a token: counted per client.
  { name: 'sign-in', methods: ['POST'], path: /^\/api\/invitations\/[^/]+$/ },
  // Each sign-in through the identity provider keeps a row until it is answered: counted per client.
  { name: 'sign-in', methods: ['GET'], path: /^\/auth\/oidc\/start$/ },
];
