import type { Session } from './api';
import { readWaiting, titleWith, waitingCount } from './attention';

const session = (roles: string[]): Session => ({ user: { id: 'u-rhea', email: 'rhea@newsroom.test', name: 'Rhea', roles }, csrfToken: 'c' }) as Session;

describe(readWaiting.name, () => {
  const realFetch = globalThis.fetch;
  let asked: string[];

  /** Answers the desk's proxy as the services would: `answers` by path, 404 for the rest. */
  function serve(answers: Record<string, { status?: number; body: unknown }>): void {
    asked = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      const answer = answers[url.split('?')[0]];
      return new Response(JSON.stringify(answer?.body ?? { error: { code: 'TEST.NOT_ROUTED', message: url } }), { status: answer ? (answer.status ?? 200) : 404 });
    }) as typeof fetch;
  }

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it("counts the queue's unclaimed stories for an editor, and only the stories they wrote that were sent back for a reporter", async () => {
    serve({
      '/api/editorial-review/v1/reviews': { body: { items: [{}], total: 3 } },
      // drafting lists every story to an editor: one who also reports asks for their own (mine=true)
      '/api/drafting/v1/drafts': { body: { items: [{ authorId: 'u-rhea' }], total: 2 } },
    });
    await expect(readWaiting(session(['reporter', 'editor']))).resolves.toEqual({ queue: 3, sentBack: 2 });
    expect(asked.sort()).toEqual(['/api/drafting/v1/drafts?status=changes_requested&mine=true&limit=1', '/api/editorial-review/v1/reviews?status=pending&limit=1']);
  });

  it('asks only for what the person does', async () => {
    serve({ '/api/drafting/v1/drafts': { body: { items: [], total: 0 } } });
    await expect(readWaiting(session(['reporter']))).resolves.toEqual({ sentBack: 0 });
    expect(asked).toEqual(['/api/drafting/v1/drafts?status=changes_requested&mine=true&limit=1']);
  });

  it('leaves out a count it could not read, rather than showing a wrong one', async () => {
    serve({ '/api/editorial-review/v1/reviews': { status: 503, body: { error: { code: 'PROXY.UNAVAILABLE', message: 'down' } } } });
    await expect(readWaiting(session(['editor']))).resolves.toEqual({});
  });
});

describe(waitingCount.name, () => {
  it('shows the count with the words it stands for, and nothing when nothing waits', () => {
    expect(waitingCount('/queue', { queue: 3 })).toEqual({ shown: '3', words: '3 waiting' });
    expect(waitingCount('/stories', { sentBack: 1 })).toEqual({ shown: '1', words: '1 sent back to you' });
    expect(waitingCount('/queue', { queue: 0, sentBack: 2 })).toBeNull();
    expect(waitingCount('/stories', {})).toBeNull();
  });
});

describe(titleWith.name, () => {
  it('puts what waits in front of the title, and leaves the title alone when nothing does', () => {
    expect(titleWith('Review queue · Newsroom desk', { queue: 2, sentBack: 1 })).toBe('(3) Review queue · Newsroom desk');
    expect(titleWith('Review queue · Newsroom desk', { queue: 0 })).toBe('Review queue · Newsroom desk');
  });
});
