import { fromLocalInput, when } from './dom';

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
  const held = holds(Date.parse(publishAt));
  return {
    body: { ...base, publishAt },
    outcome: held ? `Approved; it goes live when the embargo lifts (${when(held)}), later than the time chosen (${when(publishAt)}).` : `Approved; it goes live ${when(publishAt)}.`,
  };
}
