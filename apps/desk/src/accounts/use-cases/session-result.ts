import type { AuthenticatedUser } from '@newsroom/auth';

/** A new session: the cookie value (only ever sent to the browser) and the CSRF token the API asks for. */
export interface NewSession {
  sessionToken: string;
  csrfToken: string;
  user: AuthenticatedUser & { email: string };
}
