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
  const embargo = embargoUntil ? `, not before the embargo lifts (${when(embargoUntil)})` : '';
  const base = { priority: choice.priority, ...(embargoUntil ? { embargoUntil } : {}) };
  if (choice.timing === 'now') return { body: base, outcome: `Approved; it goes live now${embargo}.` };
  const publishAt = fromLocalInput(choice.publishAt);
  if (!publishAt) return { problem: 'Choose the date and time to publish it, or publish it now.' };
  // Review would publish a time already past at once, while the editor was told it waits.
  if (Date.parse(publishAt) <= now.getTime()) return { problem: `That time (${when(publishAt)}) has passed. Choose a later one, or publish it now.` };
  return { body: { ...base, publishAt }, outcome: `Approved; it goes live ${when(publishAt)}${embargo}.` };
}
