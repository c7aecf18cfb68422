import { DomainError, type ValidationIssue } from '@newsroom/contracts';
import type { DraftStatus } from './draft-status';

export const draftNotFound = (id: string) => new DomainError('DRAFT.NOT_FOUND', `No draft with id ${id}`, 'not_found');

export const revisionNotFound = (id: string, n: number) =>
  new DomainError('DRAFT.REVISION_NOT_FOUND', `Draft ${id} has no revision ${n}`, 'not_found');

export const notTheAuthor = () =>
  new DomainError('DRAFT.NOT_AUTHOR', 'Only the reporter who wrote this draft can change or submit it', 'forbidden');

export const notEditable = (status: DraftStatus) =>
  new DomainError(
    'DRAFT.NOT_EDITABLE',
    `The draft is ${status.replace('_', ' ')}; it can be edited only as a draft or after changes were requested`,
    'conflict',
  );

export const notSubmittable = (status: DraftStatus) =>
  new DomainError(
    'DRAFT.NOT_SUBMITTABLE',
    `The draft is ${status.replace('_', ' ')}; only a draft or an article with requested changes can be submitted`,
    'conflict',
  );

export const notSpikeable = (status: DraftStatus, wentLive: boolean) =>
  new DomainError(
    'DRAFT.NOT_SPIKEABLE',
    wentLive
      ? 'The story went live; an editor unpublishes or kills a story that was on the site'
      : `The story is ${status.replace('_', ' ')}; only a draft, a story with requested changes or a rejected one can be spiked`,
    'conflict',
  );

export const spiked = () =>
  new DomainError('DRAFT.SPIKED', 'The story is spiked; unspike it to edit or submit it again', 'conflict');

export const notRevisable = (status: DraftStatus) =>
  new DomainError(
    'DRAFT.NOT_REVISABLE',
    `The draft is ${status.replace('_', ' ')}; a new revision can be started only from a published, withdrawn (unpublished) or cancelled story (edit a draft or a story with requested changes directly)`,
    'conflict',
  );

/** The article an edit would leave behind is invalid; `details` lists each problem with its path. */
export const invalidContent = (issues: ValidationIssue[]) =>
  new DomainError('REQUEST.VALIDATION_FAILED', issues.map((i) => i.message).join('; '), 'validation', issues);

export const versionRequired = () =>
  new DomainError('DRAFT.VERSION_REQUIRED', 'Send the version you edited in an If-Match header (e.g. If-Match: "3")', 'precondition_required');

export const staleVersion = (expected: number, current: number) =>
  new DomainError(
    'DRAFT.VERSION_CONFLICT',
    `The draft changed since version ${expected}; it is now at version ${current}. Reload it and apply your edit again`,
    'precondition_failed',
    { currentVersion: current },
  );

/** A sub-edit of a story nobody is reviewing now (it is still waiting, or decided already). */
export const notInReview = (status: DraftStatus) =>
  new DomainError(
    'DRAFT.NOT_IN_REVIEW',
    `The story is ${status.replace('_', ' ')}; an editor edits its text only while they review it (claimed, not yet decided)`,
    'conflict',
  );

/** A sub-edit by anyone but the editor who holds the story in review. */
export const notTheReviewer = (reviewerId: string | null) =>
  new DomainError(
    'DRAFT.NOT_REVIEWER',
    'Only the editor reviewing the story can edit its text during review; anyone else leaves a note',
    'forbidden',
    { reviewerId },
  );
