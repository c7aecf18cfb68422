import { withinScheduleHorizon } from '@newsroom/contracts/limits';
import { fromLocalInput, toLocalInput, when } from './dom';

/** What the editor chose on the Approve form: the form's values as typed (datetime-local for times). */
export interface ApprovalChoice {
  /** `now` unless the editor asked for a time: approving means publishing. */
  timing: 'now' | 'at';
  publishAt: string;
  embargoUntil: string;
  priority: string;
}

/** The body of POST …/approve and what to tell the editor it does; or the problem that keeps it from being sent. */
export type Approval = { body: { priority: string; publishAt?: string; embargoUntil?: string }; outcome: string } | { problem: string };

/**
 * Editorial review publishes an approval without `publishAt` at once, so `publishAt` is sent
 * only when the editor chose a time, and a chosen time that cannot be read stops the approval
 * rather than publishing now; so does a time already past, which review would publish at once.
 */
export function approvalFrom(choice: ApprovalChoice, now: Date = new Date()): Approval {
  const embargoUntil = fromLocalInput(choice.embargoUntil);
  if (choice.embargoUntil.trim() !== '' && !embargoUntil) return { problem: 'The embargo time is not a date and time.' };
  const embargoProblem = embargoUntil ? scheduleTimeProblem('The embargo', choice.embargoUntil, embargoUntil, now) : undefined;
  if (embargoProblem) return { problem: embargoProblem };
  const base = { priority: choice.priority, ...(embargoUntil ? { embargoUntil } : {}) };
  // It goes live at the later of the time chosen (now, or a time) and the embargo: say which.
  const holds = (after: number) => (embargoUntil && Date.parse(embargoUntil) > after ? embargoUntil : undefined);
  if (choice.timing === 'now') {
    const held = holds(now.getTime());
    return { body: base, outcome: held ? `Approved; it goes live when the embargo lifts (${when(held)}).` : 'Approved; it goes live now.' };
  }
  const publishAt = fromLocalInput(choice.publishAt);
  if (!publishAt) return { problem: 'Choose the date and time to publish it, or publish it now.' };
  // Review would publish a time already past at once, while the editor was told it waits.
  if (Date.parse(publishAt) <= now.getTime()) return { problem: `That time (${when(publishAt)}) has passed. Choose a later one, or publish it now.` };
  const timeProblem = scheduleTimeProblem('The time to publish', choice.publishAt, publishAt, now);
  if (timeProblem) return { problem: timeProblem };
  const held = holds(Date.parse(publishAt));
  return {
    body: { ...base, publishAt },
    outcome: held ? `Approved; it goes live when the embargo lifts (${when(held)}), later than the time chosen (${when(publishAt)}).` : `Approved; it goes live ${when(publishAt)}.`,
  };
}

/**
 * Why a time typed on the editor's clock (`typed`, a datetime-local value; `iso`, what it was
 * read as) cannot be sent, or undefined: a time the clock skips when it goes forward (02:30 on a
 * spring night in New York, which the browser moves to 03:30 unasked), or one more than a year
 * and a day ahead (SCHEDULE_HORIZON_MS: review refuses it too; almost always a typo in the year).
 */
export function scheduleTimeProblem(what: string, typed: string, iso: string, now: Date = new Date()): string | undefined {
  if (toLocalInput(iso) !== typed.slice(0, 16)) {
    return `${what} (${typed.replace('T', ' ').slice(0, 16)}) does not exist on your clock: the clocks go forward then. It would be ${when(iso)}; choose that or another time.`;
  }
  if (!withinScheduleHorizon(iso, now)) return `${what} (${when(iso)}) is more than a year ahead. Check the year.`;
  return undefined;
}
