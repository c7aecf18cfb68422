import { type Role, type Session } from './api';

/** What a screen gets: the session, the route's parameters, and ways to move on and to clean up. */
export interface ScreenContext {
  session: Session;
  params: Record<string, string>;
  navigate(path: string): void;
  /** Runs when the user leaves the screen: stop polls, destroy editors. */
  onLeave(cleanup: () => void): void;
  /** What leaving now would lose, as a question for confirm(), or null when nothing (leaving.ts). */
  askBeforeLeaving(question: () => string | null): void;
  /** After sign-in or an accepted invitation: the new session, then the page asked for or the start page. */
  signedIn(session: Session): void;
  /**
   * After an action that changes what waits for someone (a claim, a decision, a submission): the
   * counts beside the links and in the tab's title are read again now, not at the next poll.
   */
  countsChanged(): void;
}

export type Screen = (context: ScreenContext) => Promise<HTMLElement> | HTMLElement;

export interface Route {
  pattern: RegExp;
  keys: string[];
  title: string;
  roles: Role[];
  screen: () => Promise<Screen>;
}

/** `/reviews/:id` → a route matching that path, its `:id` captured. */
export function route(path: string, title: string, roles: Role[], screen: () => Promise<Screen>): Route {
  const keys: string[] = [];
  const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_m, key: string) => (keys.push(key), '([^/]+)'))}/?$`);
  return { pattern, keys, title, roles, screen };
}

/** Admins pass every role check, as in libs/auth. */
export function hasRole(session: Session | undefined, roles: readonly Role[]): boolean {
  if (!session) return false;
  return roles.length === 0 || session.user.roles.includes('admin') || roles.some((role) => session.user.roles.includes(role));
}

/** How often screens refresh what other people change (statuses, notes, the queue). */
export const POLL_MS = 4000;

/** Calls `tick` every POLL_MS until the screen is left; errors are shown by `tick` itself. */
export function poll(context: ScreenContext, tick: () => Promise<void>): void {
  let stopped = false;
  const timer = setInterval(() => {
    if (!stopped && document.visibilityState !== 'hidden') void tick().catch(() => undefined);
  }, POLL_MS);
  context.onLeave(() => {
    stopped = true;
    clearInterval(timer);
  });
}
