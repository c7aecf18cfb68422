import type { ArticleContent } from './article-content';
import { labelsOfTags } from './tag-slug';

/**
 * The plain article `current` becomes with `changes`, before it is validated: a field given
 * replaces the current one whole, an absent or undefined one keeps it, null clears an optional
 * one. New `tags` without `tagLabels` keep the labels of the tags that stay (labelsOfTags), so
 * an edit or correction that only retags a story never leaves a label behind its tag.
 * Drafting's edits and sub-edits and publishing's corrections merge with it.
 */
export function withChanges(current: ArticleContent, changes: object): Record<string, unknown> {
  const base = plain(current);
  const given = plain(changes);
  if (given['tags'] !== undefined && given['tagLabels'] === undefined) {
    const labels = labelsOfTags(current.tagLabels, Array.isArray(given['tags']) ? (given['tags'] as string[]) : []);
    if (labels) base['tagLabels'] = labels;
    else delete base['tagLabels'];
  }
  return { ...base, ...given };
}

/** A JSON copy: undefined fields gone, nothing shared with the input. */
function plain(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
