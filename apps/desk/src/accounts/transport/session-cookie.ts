import type { Request, Response } from 'express';

/** The session cookie's name (the desk contract). */
export const SESSION_COOKIE = 'newsroom_session';

/** The session cookie's value on a request, if any (RFC 6265 Cookie header). */
export function sessionCookieOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * sends it), Path=/, Secure when the desk is served over https. No Max-Age: it ends with the
 * browser session, and the server ends it sooner when idle or revoked.
 */
export function setSessionCookie(response: Response, value: string, secure: boolean): void {
  response.setHeader('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`);
}
