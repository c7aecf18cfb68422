import { service, type Session } from './api';
import { hasRole } from './app';

/**
 * What waits for the person signed in, counted for the navigation and the tab's title, so a
 * desk left open in a background tab says when there is something to do: for an editor, the
 * stories in the review queue nobody has claimed yet; for a reporter, their stories an editor
 * sent back (changes requested). Undefined where the person has not the role, or the count could
 * not be read.
 */
export interface Waiting {
  /** Stories waiting for an editor to claim them (editorial review, `pending`). */
  queue?: number;
  /** The reporter's own stories with changes requested. */
  sentBack?: number;
}

/**
 * Reads the counts (editorial review's `GET /v1/reviews?status=pending`, drafting's `GET
 * /v1/drafts?status=changes_requested&mine=true`: a person who is also an editor counts only
 * the stories they wrote). A list that cannot be read leaves its count out rather than showing a
 * wrong one.
 */
export async function readWaiting(session: Session): Promise<Waiting> {
  const [queue, sentBack] = await Promise.all([
    hasRole(session, ['editor'])
      ? service<{ total: number }>('editorial-review', 'GET', '/v1/reviews', { query: { status: 'pending', limit: 1 } }).then(
          ({ body }) => body.total,
          () => undefined,
        )
      : undefined,
    session.user.roles.includes('reporter')
      ? service<{ total: number }>('drafting', 'GET', '/v1/drafts', { query: { status: 'changes_requested', mine: 'true', limit: 1 } }).then(
          ({ body }) => body.total,
          () => undefined,
        )
      : undefined,
  ]);
  return { ...(queue !== undefined ? { queue } : {}), ...(sentBack !== undefined ? { sentBack } : {}) };
}

/**
 * A navigation link's count as shown (`3`) and the words it stands for, for screen
 * readers (`3 waiting`, `1 sent back to you`); null when nothing waits there.
 */
export function waitingCount(link: '/queue' | '/stories', waiting: Waiting): { shown: string; words: string } | null {
  const count = link === '/queue' ? waiting.queue : waiting.sentBack;
  if (!count) return null;
  const shown = String(count);
  return { shown, words: link === '/queue' ? `${shown} waiting` : `${shown} sent back to you` };
}

/** The tab's title with what waits in front ("(3) Review queue · Newsroom desk"), as mail and chat tabs do; the title alone when nothing does. */
export function titleWith(title: string, waiting: Waiting): string {
  const count = (waiting.queue ?? 0) + (waiting.sentBack ?? 0);
  return count > 0 ? `(${count}) ${title}` : title;
}
