import type { Article } from './views';

/** A story's text as typed and not yet saved, with the version it was typed on. */
export interface UnsavedText {
  article: Article;
  /** The saved version the text was typed on (null: a new story, never saved). */
  version: number | null;
  /** The story screen that typed it (one per opening of a story). */
  screen: string;
  /** When it was kept, ISO 8601. */
  at: string;
}

const PREFIX = 'newsroom-desk:unsaved';
const keyOf = (userId: string, storyId: string | undefined) => `${PREFIX}:${userId}:${storyId ?? 'new'}`;

/** Screens of this page whose save is still on its way: their text is not offered to another screen meanwhile. */
const saving = new Set<string>();

/**
 * Keeps the reporter's unsaved text in this tab (sessionStorage) on every change, until a save
 * goes through: a session that ends mid-edit sends the app to sign-in, and a reload or a crash
 * drops the page; the story screen offers the text back when it opens again. Per tab and per
 * person, and gone when the tab closes, so a shared computer keeps no one's drafts.
 * Storage refused (full, or switched off): what was kept before is removed rather than offered
 * later as if it were the latest text, and autosave goes on as before.
 */
export function keepUnsaved(userId: string, storyId: string | undefined, text: Omit<UnsavedText, 'at'>): void {
  const key = keyOf(userId, storyId);
  try {
    sessionStorage.setItem(key, JSON.stringify({ ...text, at: new Date().toISOString() }));
  } catch {
    try {
      sessionStorage.removeItem(key);
    } catch {
      // Storage is off altogether: nothing was kept.
    }
  }
}

/** What keepUnsaved kept for this story (or a new one), if anything readable and not another screen's save in flight. */
export function keptUnsaved(userId: string, storyId: string | undefined): UnsavedText | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(keyOf(userId, storyId)) ?? 'null') as UnsavedText | null;
    if (!kept || typeof kept.article !== 'object' || kept.article === null || typeof kept.at !== 'string') return undefined;
    return saving.has(kept.screen) ? undefined : kept;
  } catch {
    return undefined;
  }
}

/** Forgets the kept text; with `screen`, only if that screen kept it (another may have typed since). */
export function forgetUnsaved(userId: string, storyId: string | undefined, screen?: string): void {
  try {
    const key = keyOf(userId, storyId);
    if (screen !== undefined && (JSON.parse(sessionStorage.getItem(key) ?? 'null') as UnsavedText | null)?.screen !== screen) return;
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}

/** Marks a screen's save as on its way (true) or done (false), for keptUnsaved. */
export function savingUnsaved(screen: string, onItsWay: boolean): void {
  if (onItsWay) saving.add(screen);
  else saving.delete(screen);
}
