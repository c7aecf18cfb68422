import { tagAsWritten, tagsAsTyped, type TypedTags } from '@newsroom/contracts/tag-slug';
import type { SiteSection } from './api';
import { h } from './dom';

/**
 * The section a story is filed under, chosen from the site's managed list. A story filed under a
 * section since retired keeps it, marked "(no longer in the section list)", until someone picks
 * another: the editorial checks warn about it, and nothing is changed behind the writer's back.
 */
export function sectionSelect(sections: readonly SiteSection[], current: string): HTMLSelectElement {
  const select = h(
    'select',
    { name: 'section' },
    sections.map((s) => h('option', { value: s.slug }, s.label)),
    sections.some((s) => s.slug === current) || !current ? null : h('option', { value: current }, `${current} (no longer in the section list)`),
  );
  select.value = current;
  return select;
}

/** What the tags field says under it. */
export const TAGS_HINT = 'Comma-separated, written as readers should see them (Gdańsk Street); the same tag twice is kept once';

/**
 * A story's tags, comma-separated, in the words they were typed as: readers see those, while
 * addresses and alerts use each tag's slug ("Gdańsk Street" files under `gdansk-street`;
 * tagsAsTyped in libs/contracts). As the writer leaves the field it shows what will be kept:
 * each tag once, in its first spelling, spaces tidied.
 */
export function tagsInput(tags: readonly string[], labels?: Readonly<Record<string, string>>): HTMLInputElement {
  const input = h('input', { type: 'text', name: 'tags', value: tagsAsWritten(tags, labels) });
  input.addEventListener('change', () => {
    const typed = tagsAsTyped(input.value);
    input.value = tagsAsWritten(typed.tags, typed.tagLabels);
  });
  return input;
}

/** The tags in the field: ArticleContent's `tags` and `tagLabels`. */
export function tagsOf(input: HTMLInputElement): TypedTags {
  return tagsAsTyped(input.value);
}

/** Tags as a story's text writes them: each one's label where it has one, else the tag itself. */
export function tagsAsWritten(tags: readonly string[], labels?: Readonly<Record<string, string>>): string {
  return tags.map((tag) => tagAsWritten(tag, labels)).join(', ');
}
