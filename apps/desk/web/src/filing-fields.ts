import { isTagSlug, tagAsWritten, tagEntryProblem, tagsAsTyped, type TypedTags } from '@newsroom/contracts/tag-slug';
import type { SiteSection } from './api';
import { field, h } from './dom';

/**
 * The section a story is filed under, chosen from the site's managed list. A story filed under a
 * section since retired keeps it, marked "(no longer in the section list)", until someone picks
 * another: the editorial checks warn about it, and nothing is changed behind the writer's back.
 */
export function sectionSelect(sections: readonly SiteSection[], current: string): HTMLSelectElement {
  const select = h(
    'select',
    { name: 'section' },
    // A new story has none until its reporter chooses one: the section decides where it appears
    // and which followers are alerted, so the first of the list is no default.
    current === '' ? h('option', { value: '' }, 'Choose a section') : null,
    sections.map((s) => h('option', { value: s.slug }, s.label)),
    sections.some((s) => s.slug === current) || !current ? null : h('option', { value: current }, `${current} (no longer in the section list)`),
  );
  select.value = current;
  return select;
}

/** What the tags field says under it. */
const TAGS_HINT = 'Comma-separated, written as readers should see them (Gdańsk Street); the same tag twice is kept once';

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

/**
 * The tags field with its hints: how to write tags, and — following the typing — what they are
 * filed under (filedTagsText), so a writer sees each tag's slug before leaving the field, and
 * which of their spellings were one tag, rather than finding a tag gone when the field tidies
 * itself. The second line is not a live region: read with the field when it takes the focus,
 * not at every key.
 */
export function tagsField(input: HTMLInputElement): HTMLElement {
  const wrapper = field('Tags', input, TAGS_HINT);
  const filed = h('p', { class: 'hint filed-tags', id: `${input.id}-filed` }, filedTagsText(input.value));
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${filed.id}`.trim());
  const update = () => {
    filed.textContent = filedTagsText(input.value);
  };
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  wrapper.append(filed);
  return wrapper;
}

/**
 * What a tags field's text files, in a sentence: each tag's slug (its page's address,
 * `/tags/<slug>`, and what readers follow), then every spelling kept once because it is the
 * same tag as an earlier one (tagsAsTyped keeps the first), then each entry that cannot be a tag
 * and why (tagEntryProblem): the services refuse a story saved with one, so the writer learns it
 * here, before saving. Empty when nothing is typed.
 *
 * "Gdańsk Street, Київ, gdansk street, 🎉" → `Filed under: gdansk-street, kiyiv. “gdansk street”
 * is the same tag as “Gdańsk Street”: kept once. “🎉” has no letters or digits, so it cannot be a
 * tag.`
 */
export function filedTagsText(value: string): string {
  const spellings = new Map<string, string[]>();
  const refused: string[] = [];
  for (const entry of value.split(/[,\n]/)) {
    const { tags: [tag], tagLabels } = tagsAsTyped(entry);
    if (tag === undefined) continue;
    if (!isTagSlug(tag)) {
      const line = `“${tag}” ${tagEntryProblem(tag) ?? 'is not a tag'}, so it cannot be a tag.`;
      if (!refused.includes(line)) refused.push(line);
      continue;
    }
    const typed = tagLabels[tag] ?? tag;
    const seen = spellings.get(tag) ?? [];
    if (!seen.includes(typed)) seen.push(typed);
    spellings.set(tag, seen);
  }
  const merged = [...spellings.values()]
    .filter((typed) => typed.length > 1)
    .map(([first, ...others]) => `${others.map((other) => `“${other}”`).join(' and ')} ${others.length > 1 ? 'are' : 'is'} the same tag as “${first}”: kept once.`);
  return [...(spellings.size > 0 ? [`Filed under: ${[...spellings.keys()].join(', ')}.`] : []), ...merged, ...refused].join(' ');
}

/** The tags in the field: ArticleContent's `tags` and `tagLabels`. */
export function tagsOf(input: HTMLInputElement): TypedTags {
  return tagsAsTyped(input.value);
}

/** Tags as a story's text writes them: each one's label where it has one, else the tag itself. */
export function tagsAsWritten(tags: readonly string[], labels?: Readonly<Record<string, string>>): string {
  return tags.map((tag) => tagAsWritten(tag, labels)).join(', ');
}
