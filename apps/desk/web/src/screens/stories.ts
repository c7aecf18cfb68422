import { describeError, service, type SiteSection } from '../api';
import { poll, type ScreenContext } from '../app';
import { button, h, labelColumns, notice, show, statusBadge, when } from '../dom';
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

/** Stories fetched a page at a time (drafting's list gives at most 100 a request). */
const PAGE = 100;

/**
 * A reporter's stories with their status (GET drafting /v1/drafts: a reporter sees their own),
 * 100 at first, and *Show more* for the next hundred while drafting counts more. Spiked stories
 * are not among them: a link leads to those.
 */
export function storiesScreen(context: ScreenContext): Promise<HTMLElement> {
  return storyList(context, {
    spiked: false,
    heading: h('div', { class: 'title-row' }, h('h1', {}, 'My stories'), h('a', { class: 'button primary', href: '/stories/new' }, 'New story')),
    empty: 'You have no stories yet.',
    footer: h('p', { class: 'hint' }, 'Stories you spiked are set aside under ', h('a', { href: '/stories/spiked' }, 'Spiked stories'), '.'),
  });
}

/** The stories the reporter spiked (GET drafting /v1/drafts?spiked=true), each one a link to unspike it from. */
export function spikedStoriesScreen(context: ScreenContext): Promise<HTMLElement> {
  return storyList(context, {
    spiked: true,
    heading: h('div', { class: 'title-row' }, h('h1', {}, 'Spiked stories'), h('a', { class: 'button', href: '/stories' }, 'My stories')),
    empty: 'Nothing is spiked. A story you spike waits here, read-only, until you unspike it.',
    footer: null,
  });
}

async function storyList(context: ScreenContext, list: { spiked: boolean; heading: HTMLElement; empty: string; footer: HTMLElement | null }): Promise<HTMLElement> {
  const region = h('div', { 'aria-live': 'polite' });
  const more = h('div', {});
  let pages = 1;
  const load = async (): Promise<void> => {
    try {
      const [answers, sections] = await Promise.all([
        Promise.all(Array.from({ length: pages }, (_, page) => service<{ items: DraftSummary[]; total: number }>('drafting', 'GET', '/v1/drafts', { query: { limit: PAGE, offset: page * PAGE, spiked: list.spiked ? 'true' : undefined, mine: 'true' } }))),
        sectionList(),
      ]);
      const items = answers.flatMap(({ body }) => body.items);
      const total = answers[0]?.body.total ?? items.length;
      show(region, storyTable(items, sections, (id) => `/stories/${id}`, list.empty));
      show(
        more,
        total > items.length
          ? h('p', { class: 'hint' }, `Showing ${items.length} of ${total} stories, the most recently changed first. `, button(`Show ${Math.min(PAGE, total - items.length)} more`, () => {
              pages += 1;
              void load();
            }))
          : null,
      );
    } catch (error) {
      show(region, notice('error', describeError(error)));
    }
  };
  await load();
  poll(context, load);
  return h('div', { class: 'screen' }, list.heading, region, more, list.footer);
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
