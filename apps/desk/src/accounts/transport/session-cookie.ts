import type { Request, Response } from 'express';
import { OIDC_ROUTES } from '../../shared/identity-provider';

/** The session cookie's name (the desk contract). */
export const SESSION_COOKIE = 'newsroom_session';

/**
 * The cookie of a sign-in through the identity provider under way (its flow token). SameSite=Lax,
 * unlike the session's: the provider's redirect back is a top-level navigation from another
 * site, which Lax cookies go along with and Strict ones do not. Only sent to /auth/oidc.
 */
export const OIDC_FLOW_COOKIE = 'newsroom_oidc_flow';

/** The session cookie's value on a request, if any. */
export function sessionCookieOf(request: Request): string | undefined {
  return cookieOf(request, SESSION_COOKIE);
}

/** The value of the cookie `wanted` on a request, if any (RFC 6265 Cookie header). */
export function cookieOf(request: Request, wanted: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === wanted) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/, Secure when the desk is served over https. No Max-Age: it ends with the
 * browser session, and the server ends it sooner when idle or revoked.
 */
export function setSessionCookie(response: Response, value: string, secure: boolean): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`);
}

/** The flow cookie for `maxAgeSeconds`: HttpOnly, SameSite=Lax, Path=/auth/oidc, Secure as the session's. */
export function setOidcFlowCookie(response: Response, value: string, maxAgeSeconds: number, secure: boolean): void {
  response.append('Set-Cookie', `${OIDC_FLOW_COOKIE}=${value}; Path=${OIDC_ROUTES}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`);
}

/** Ends the flow cookie: each flow is answered once. */
export function clearOidcFlowCookie(response: Response, secure: boolean): void {
  setOidcFlowCookie(response, '', 0, secure);
}
