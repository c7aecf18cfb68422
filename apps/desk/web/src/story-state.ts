import { statusLabel, when } from './dom';

/**
 * What a reporter can do with a story whose text is locked, said where the checks and the
 * Submit button would be: submit readiness means nothing for a story that cannot be submitted.
 */
export function lockedStoryState(status: string, publishAt?: string | null, publicUrl?: string | null, reviewer?: string): string {
  switch (status) {
    case 'submitted':
      return 'Submitted — waiting for an editor. Until one claims it you can recall it to edit; after that, if changes are requested.';
    case 'in_review':
      // Named, so the reporter knows whom to ask to send it back (a recall is too late by then).
      return `In review — ${reviewer ?? 'an editor'} has it. You can edit it again if changes are requested; ask them to send it back.`;
    case 'approved':
      return 'Approved — publishing puts it live.';
    case 'scheduled':
      return publishAt ? `Scheduled — it goes live ${when(publishAt)}.` : 'Scheduled — it goes live at the time the editor chose.';
    case 'published':
      return 'Published — start a new revision to change it.';
    case 'rejected':
      return 'Rejected — it cannot be submitted again.';
    case 'cancelled':
      // A story that had gone live keeps its address: only the revision that waited was stopped.
      // A story that had gone live: only the revision that waited was stopped (the story may have been taken down since too).
      return publicUrl
        ? 'Update cancelled — an editor stopped this revision before it went live; it did not replace the story’s earlier text. Start a new revision to change it and submit it again.'
        : 'Publication cancelled — an editor stopped it. Start a new revision to change it and submit it again.';
    case 'withdrawn':
      return 'Unpublished — it is off the site. Start a new revision to put it right; once approved it goes back at the same address.';
    case 'killed':
      return 'Killed — its text has left every output.';
    default: {
      const label = statusLabel(status);
      return `${label.charAt(0).toUpperCase()}${label.slice(1)} — the text cannot be edited now.`;
    }
  }
}

/** What a spiked story is, and how it comes back. */
export function spikedStoryState(spikedAt: string): string {
  return `Spiked ${when(spikedAt)} — set aside, off My stories. Unspike it to edit or submit it again.`;
}
