import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_TYPES } from '@newsroom/contracts';

/** One timed approval: the article, when the bench sent its approve request (epoch ms), and when its e-mail was caught. */
export interface TimedApproval {
  articleId: string;
  approveSentAt: number;
  emailCaughtAt: number;
}

/**
 * Where an alert's time goes, as milestones after the approve request was sent (ms, the median
 * over the articles of each), read from the services' own log lines: the approval's send by
 * editorial review's relay, publishing's receipt and commit, the `published` event's send by
 * publishing's relay, notifications' receipt and commit of the fan-out, and the e-mail caught.
 * `approveAnswered` is when the editor's request was answered (it reads the review back after
 * the commit, so the relay may send before it). A milestone no line was found for is left out.
 */
export interface LatencyStages {
  approveAnswered?: number;
  approvalSent?: number;
  publishingReceived?: number;
  publishingCommitted?: number;
  publishedSent?: number;
  notificationsReceived?: number;
  alertsQueued?: number;
  emailCaught?: number;
}

interface LogLine {
  time?: string;
  msg?: string;
  subject?: string;
  articleId?: string;
  eventType?: string;
  handledMs?: number;
  inTransitMs?: number;
  responseTime?: number;
  req?: { url?: string; method?: string };
}

/**
 * The milestones of `approvals` from the log files in `logDir` (one per service, JSON lines as
 * pino writes them: `event applied` carries `inTransitMs` from the producer's send and
 * `handledMs` for the transaction; pino-http's `request completed` carries `responseTime`).
 * Clocks are the one machine's wall clock, to the millisecond.
 */
export function latencyStages(logDir: string, approvals: TimedApproval[]): LatencyStages {
  const lines = (service: string): LogLine[] => {
    const file = path.join(logDir, `${service}.log`);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  };
  const at = (line: LogLine | undefined): number | undefined => (line?.time ? Date.parse(line.time) : undefined);
  const applied = (log: LogLine[], type: string, articleId: string) => log.find((line) => line.msg === 'event applied' && line.eventType === type && line.subject === articleId);
  const review = lines('editorial-review');
  const publishing = lines('publishing');
  const notifications = lines('notifications');

  const offsets = new Map<keyof LatencyStages, number[]>();
  const note = (stage: keyof LatencyStages, time: number | undefined, approval: TimedApproval): void => {
    if (time === undefined || !Number.isFinite(time)) return;
    offsets.set(stage, [...(offsets.get(stage) ?? []), time - approval.approveSentAt]);
  };
  for (const approval of approvals) {
    const { articleId } = approval;
    note('approveAnswered', at(review.find((line) => line.msg === 'request completed' && line.req?.method === 'POST' && line.req.url?.endsWith(`/${articleId}/approve`))), approval);
    const approved = applied(publishing, EVENT_TYPES.articleApproved, articleId);
    const publishingCommitted = at(approved);
    const publishingReceived = publishingCommitted !== undefined && approved?.handledMs !== undefined ? publishingCommitted - approved.handledMs : undefined;
    note('approvalSent', publishingReceived !== undefined && approved?.inTransitMs !== undefined ? publishingReceived - approved.inTransitMs : undefined, approval);
    note('publishingReceived', publishingReceived, approval);
    note('publishingCommitted', publishingCommitted, approval);
    const published = applied(notifications, EVENT_TYPES.articlePublished, articleId);
    const notificationsDone = at(published);
    const notificationsReceived = notificationsDone !== undefined && published?.handledMs !== undefined ? notificationsDone - published.handledMs : undefined;
    note('publishedSent', notificationsReceived !== undefined && published?.inTransitMs !== undefined ? notificationsReceived - published.inTransitMs : undefined, approval);
    note('notificationsReceived', notificationsReceived, approval);
    note('alertsQueued', at(notifications.find((line) => line.msg === 'alerts queued' && line.articleId === articleId)), approval);
    note('emailCaught', approval.emailCaughtAt, approval);
  }
  return Object.fromEntries([...offsets].map(([stage, values]) => [stage, median(values)])) as LatencyStages;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return Math.round(middle * 10) / 10;
}
