import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVENT_TYPES } from '@newsroom/contracts';
import { latencyStages } from './latency-stages';

describe('latencyStages', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'latency-stages-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const T0 = Date.parse('2026-12-03T10:00:00.000Z');
  const iso = (ms: number) => new Date(T0 + ms).toISOString();
  const write = (service: string, lines: (Record<string, unknown> | string)[]) =>
    writeFileSync(path.join(dir, `${service}.log`), lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'));

  it('places each milestone of an approval after its approve request, from the services’ own lines, taking the median over the articles', () => {
    const article = (id: string, shift: number) => ({
      review: { time: iso(shift + 30), msg: 'request completed', responseTime: 29, req: { method: 'POST', url: `/v1/reviews/${id}/approve` } },
      // received at +40 after 15 ms in transit (sent at +25), committed at +62
      publishing: { time: iso(shift + 62), msg: 'event applied', eventType: EVENT_TYPES.articleApproved, subject: id, handledMs: 22, inTransitMs: 15 },
      notifications: [
        { time: iso(shift + 95), msg: 'event applied', eventType: EVENT_TYPES.articlePublished, subject: id, handledMs: 9, inTransitMs: 16 },
        { time: iso(shift + 94), msg: 'alerts queued', articleId: id },
      ],
    });
    const a = article('a1', 0);
    const b = article('b2', 10); // everything 10 ms later for the second article
    const c = article('c3', 2);
    write('editorial-review', [a.review, 'not json', b.review, c.review]);
    write('publishing', [a.publishing, b.publishing, c.publishing, { time: iso(70), msg: 'event applied', eventType: EVENT_TYPES.articleApproved, subject: 'other', handledMs: 1, inTransitMs: 1 }]);
    write('notifications', [...a.notifications, ...b.notifications, ...c.notifications]);

    const stages = latencyStages(dir, [
      { articleId: 'a1', approveSentAt: T0, emailCaughtAt: T0 + 120 },
      { articleId: 'b2', approveSentAt: T0, emailCaughtAt: T0 + 140 },
      { articleId: 'c3', approveSentAt: T0, emailCaughtAt: T0 + 125 },
    ]);

    expect(stages).toEqual({
      approveAnswered: 32,
      approvalSent: 27,
      publishingReceived: 42,
      publishingCommitted: 64,
      publishedSent: 72,
      notificationsReceived: 88,
      alertsQueued: 96,
      emailCaught: 125,
    });
  });

  it('leaves out a milestone no line was found for, and a service without a log', () => {
    write('editorial-review', [{ time: iso(20), msg: 'request completed', responseTime: 19, req: { method: 'POST', url: '/v1/reviews/a1/approve' } }]);
    expect(latencyStages(dir, [{ articleId: 'a1', approveSentAt: T0, emailCaughtAt: T0 + 100 }])).toEqual({ approveAnswered: 20, emailCaught: 100 });
  });
});
