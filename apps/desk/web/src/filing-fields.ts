import { tagSlugsOf } from '@newsroom/contracts/tag-slug';
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
export const TAGS_HINT = 'Comma-separated; kept as slugs (River Harle → river-harle)';

/**
 * A story's tags, comma-separated. Tags are slugs ("River Harle" is kept as `river-harle`,
 * tagSlugsOf in libs/contracts): the field shows what will be kept as the writer leaves it.
 */
export function tagsInput(tags: readonly string[]): HTMLInputElement {
  const input = h('input', { type: 'text', name: 'tags', value: tags.join(', ') });
  input.addEventListener('change', () => {
    input.value = tagSlugsOf(input.value).join(', ');
  });
  return input;
}
