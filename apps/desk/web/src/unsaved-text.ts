import type { Article } from './views';

/** A story's text as typed and not yet saved, with the version it was typed on. */
export interface UnsavedText {
  article: Article;
  /** The saved version the text was typed on (null: a new story, never saved). */
  version: number | null;
  /** When it was kept, ISO 8601. */
  at: string;
}

const PREFIX = 'newsroom-desk:unsaved';
const keyOf = (userId: string, storyId: string | undefined) => `${PREFIX}:${userId}:${storyId ?? 'new'}`;

/**
 * Keeps the reporter's unsaved text in this tab (sessionStorage) on every change, until a save
 * goes through: a session that ends mid-edit sends the app to sign-in, and a reload or a crash
 * drops the page; the story screen offers the text back when it opens again. Per tab and per
 * person, and gone when the tab closes, so a shared computer keeps no one's drafts.
 * Storage refused (full, or switched off): nothing is kept, and autosave goes on as before.
 */
export function keepUnsaved(userId: string, storyId: string | undefined, text: Omit<UnsavedText, 'at'>): void {
  try {
    sessionStorage.setItem(keyOf(userId, storyId), JSON.stringify({ ...text, at: new Date().toISOString() }));
  } catch {
    // Nothing kept; the save itself is unaffected.
  }
}

/** What keepUnsaved kept for this story (or a new one), if anything readable. */
export function keptUnsaved(userId: string, storyId: string | undefined): UnsavedText | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(keyOf(userId, storyId)) ?? 'null') as UnsavedText | null;
    return kept && typeof kept.article === 'object' && kept.article !== null && typeof kept.at === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}

export function forgetUnsaved(userId: string, storyId: string | undefined): void {
  try {
    sessionStorage.removeItem(keyOf(userId, storyId));
  } catch {
    // Nothing to forget.
  }
}
