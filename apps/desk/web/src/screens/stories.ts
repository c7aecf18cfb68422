import { describeError, service, type SiteSection } from '../api';
import { poll, type ScreenContext } from '../app';
import { h, labelColumns, notice, show, statusBadge, when } from '../dom';
import { sectionLabel, sectionList } from '../names';

export interface DraftSummary {
  id: string;
  authorId: string;
  status: string;
  version: number;
  headline: string;
  section: string;
  editable: boolean;
  updatedAt: string;
}

/** A reporter's stories with their status (GET drafting /v1/drafts: a reporter sees their own). */
export async function storiesScreen(context: ScreenContext): Promise<HTMLElement> {
  const region = h('div', { 'aria-live': 'polite' });
  const load = async (): Promise<void> => {
    try {
      const [{ body }, sections] = await Promise.all([service<{ items: DraftSummary[]; total: number }>('drafting', 'GET', '/v1/drafts', { query: { limit: 100 } }), sectionList()]);
      show(region, storyTable(body.items, sections, (id) => `/stories/${id}`, 'You have no stories yet.'));
    } catch (error) {
      show(region, notice('error', describeError(error)));
    }
  };
  await load();
  poll(context, load);
  return h('div', { class: 'screen' }, h('div', { class: 'title-row' }, h('h1', {}, 'My stories'), h('a', { class: 'button primary', href: '/stories/new' }, 'New story')), region);
}

/** What a row of a story table shows: drafting's summary, or a live article's. */
export type StoryRow = Pick<DraftSummary, 'id' | 'headline' | 'status' | 'section' | 'updatedAt'>;

/** Stories with their status; `sections` gives each section its label. */
export function storyTable(items: readonly StoryRow[], sections: readonly SiteSection[], link: (id: string) => string, empty: string): HTMLElement {
  if (items.length === 0) return h('p', {}, empty);
  return labelColumns(h(
    'table',
    { class: 'list' },
    h('caption', { class: 'visually-hidden' }, 'Stories'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Headline'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Section'), h('th', { scope: 'col' }, 'Updated'))),
    h(
      'tbody',
      {},
      items.map((item) =>
        h('tr', {}, h('td', {}, h('a', { href: link(item.id) }, item.headline || '(no headline)')), h('td', {}, statusBadge(item.status)), h('td', {}, sectionLabel(sections, item.section)), h('td', {}, when(item.updatedAt))),
      ),
    ),
  ));
}
