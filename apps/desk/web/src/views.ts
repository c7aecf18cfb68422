import type { ArticleBlock } from '@newsroom/contracts';
import type { CheckResult } from '@newsroom/contracts/editorial-checks';
import { inlineToPlainText, parseInline, type InlineNode } from '@newsroom/contracts/inline-markup';
import { textDirection } from '@newsroom/contracts/direction';
import { tagAsWritten } from '@newsroom/contracts/tag-slug';
import { bodyWordCount } from '@newsroom/contracts/word-count';
import type { SiteSection } from './api';
import { blockName, blockWord, fieldWord } from './block-words';
import { h, onDay, when } from './dom';
import { personName, sectionLabel, type PeopleNames } from './names';

/** How editorial-review's diff says a story's tags changed: by slug, with the words each was typed as. */
interface TagsChange {
  added: string[];
  removed: string[];
  relabelled?: { tag: string; before: string | null; after: string | null }[];
  labels?: Record<string, string>;
}

/** The tags a revision took out (and the old words of those retyped), and those it put in (and their new words). */
function tagsChanged(change: Partial<TagsChange>): [HTMLElement, HTMLElement] {
  const words = (tag: string) => change.labels?.[tag] ?? tag;
  const relabelled = change.relabelled ?? [];
  const removed = [...(change.removed ?? []).map(words), ...relabelled.map((r) => r.before ?? r.tag)];
  const added = [...(change.added ?? []).map(words), ...relabelled.map((r) => r.after ?? r.tag)];
  return [h('del', {}, removed.join(', ')), h('ins', {}, added.join(', '))];
}

/** An article as the services send it (ArticleContent, plain JSON). */
export interface Article {
  headline: string;
  standfirst?: string;
  dateline?: { place: string; date: string };
  section: string;
  tags?: string[];
  /** The words each tag was typed as, where they say more than its slug. */
  tagLabels?: Record<string, string>;
  bylines: { name: string; id?: string }[];
  language: string;
  body: ArticleBlock[];
}

/** The checks' findings as editorial-review and drafting answer them and the editor computes them: one type, the contracts'. */
export type { CheckResult };

/** The fields of a story as the form labels them, in the order it shows them. */
const FIELD_LABELS: Record<string, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  dateline: 'Dateline',
  section: 'Section',
  tags: 'Tags',
  bylines: 'Bylines',
  language: 'Language',
  body: 'Body',
};

/** The same fields in a sentence: "the headline". */
const FIELD_NAMES: Record<string, string> = Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, label]) => [field, `the ${label.toLowerCase()}`]));

/**
 * A field's value as it reads, for comparing two texts of a story: keys in one order, and an
 * empty value (absent, null, '', []) as none. The saved copy and the form's differ in both ways
 * (`tags: []` against no tags, `{date, place}` against `{place, date}`) where a reader sees no difference.
 */
function readable(value: unknown): unknown {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  if (Array.isArray(value)) return value.map(readable);
  if (typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([key, field]) => [key, readable(field)] as const)
    .filter(([, field]) => field !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

const differ = (a: unknown, b: unknown): boolean => JSON.stringify(readable(a)) !== JSON.stringify(readable(b));

/** Where two texts of a story differ, in words: "the headline and the body"; empty when they do not. */
export function differingFields(one: Article, other: Article): string {
  return fieldsInWords(Object.keys(FIELD_NAMES).filter((field) => differ(asRead(one, field), asRead(other, field))));
}

/** A field of a story as it reads: its tags in their words (a relabelled tag is a change), any other field as it is. */
function asRead(article: Article, field: string): unknown {
  return field === 'tags' ? tagWords(article) : article[field as keyof Article];
}

/** A story's tags in the words they were typed as (the slug where there are none). */
function tagWords(article: Pick<Article, 'tags' | 'tagLabels'>): string[] {
  return (article.tags ?? []).map((tag) => tagAsWritten(tag, article.tagLabels));
}

/**
 * Article fields (`headline`, `body`…) in the reporter's words and the form's order: "the
 * headline, the standfirst and the body"; empty for none. A name the form does not know is
 * left as it is, last.
 */
export function fieldsInWords(fields: readonly string[]): string {
  const order = Object.keys(FIELD_NAMES);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const words = [...fields].sort((a, b) => rank(a) - rank(b)).map((field) => FIELD_NAMES[field] ?? field);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * The article read-only, built from text nodes (links only when http(s)). `sections` gives the
 * section its label. `beside(index)`, when given, adds something next to each body block (the
 * review's comments on that block). `against`, when given, is another text of the story: what
 * differs from it (a field, a block at the same place) is marked, for eyes and screen readers.
 */
export function renderArticle(
  article: Article,
  label: string,
  options: { sections?: readonly SiteSection[]; beside?: (index: number) => Node | null; against?: Article } = {},
): HTMLElement {
  const { beside, against } = options;
  const marked = (element: HTMLElement, differs: boolean): HTMLElement => {
    if (!against || !differs) return element;
    element.classList.add('differs');
    element.prepend(h('span', { class: 'visually-hidden' }, 'Differs: '));
    return element;
  };
  const block = (item: ArticleBlock, index: number): HTMLElement => marked(renderBlock(item), differ(item, against?.body[index]));
  return h(
    'article',
    { class: 'article-view', 'aria-label': label, lang: article.language || undefined, dir: textDirection(article.language || 'en') },
    marked(h('h3', { class: 'headline' }, article.headline), differ(article.headline, against?.headline)),
    article.standfirst ? marked(h('p', { class: 'standfirst' }, article.standfirst), differ(article.standfirst, against?.standfirst)) : null,
    marked(h(
      'p',
      { class: 'meta' },
      [
        article.dateline ? `${article.dateline.place}, ${onDay(article.dateline.date)}` : null,
        article.section ? sectionLabel(options.sections ?? [], article.section) : null,
        article.bylines.map((b) => b.name).join(', '),
        wordsInBody(bodyWordCount(article.body, article.language)),
      ]
        .filter(Boolean)
        .join(' · '),
    ), differ([article.dateline, article.section, article.bylines], [against?.dateline, against?.section, against?.bylines])),
    // Tags go live with the story (topic pages, alerts to readers who follow them): editors see them before approving.
    article.tags && article.tags.length > 0 ? marked(h('p', { class: 'meta tags' }, `Tags: ${tagWords(article).join(', ')}`), differ(tagWords(article), against && tagWords(against))) : null,
    // What sits beside a block (the editors' notes) is the desk's own, in English, left to right, whatever the story's language.
    beside
      ? article.body.map((item, index) => h('div', { class: 'block-row' }, h('div', { class: 'block-main' }, block(item, index)), h('div', { class: 'block-beside', lang: 'en', dir: 'ltr' }, beside(index))))
      : article.body.map(block),
  );
}

/** A story's length in the desk's words: "1 word", "412 words" (bodyWordCount says what is counted). */
export function wordsInBody(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'word' : 'words'}`;
}

function renderBlock(block: ArticleBlock): HTMLElement {
  switch (block.type) {
    case 'paragraph':
      return h('p', {}, inline(parseInline(block.text)));
    case 'subheading':
      return h('h4', {}, block.text);
    case 'quote':
      return h('figure', { class: 'quote' }, h('blockquote', {}, inline(parseInline(block.text))), block.attribution ? h('figcaption', {}, `— ${block.attribution}`) : null);
    case 'list':
      return h(block.style === 'numbered' ? 'ol' : 'ul', {}, block.items.map((item) => h('li', {}, inline(parseInline(item)))));
    case 'image':
      return blockCard(block, block.alt, block.caption ? ` — ${block.caption}` : '', block.credit ? ` (${block.credit})` : '');
    case 'embed':
      return blockCard(block, block.title ?? block.url);
    case 'related':
      return blockCard(block, block.headline);
  }
}

/** A block that is not running text, as a card named as the desk names it ("Picture: …"). */
function blockCard(block: ArticleBlock, ...words: string[]): HTMLElement {
  return h('p', { class: 'block-card' }, h('strong', {}, `${blockName(block.type)}: `), ...words);
}

function inline(nodes: InlineNode[]): (Node | string)[] {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'bold':
        return h('strong', {}, inline(node.children));
      case 'italic':
        return h('em', {}, inline(node.children));
      case 'link':
        return /^https?:\/\//i.test(node.href) ? h('a', { href: node.href, rel: 'noopener noreferrer', target: '_blank' }, inline(node.children)) : h('span', {}, inline(node.children));
    }
  });
}

/** A finding to list with the checks: an editorial check's, or a refusal of the server's (its error code). */
export type ShownCheck = Pick<CheckResult, 'severity' | 'message'> & { code: string };

export function renderChecks(checks: readonly ShownCheck[], emptyText = 'All automated checks pass.'): HTMLElement {
  if (checks.length === 0) return h('p', { class: 'checks-ok' }, emptyText);
  return h(
    'ul',
    { class: 'checks' },
    checks.map((check) => h('li', { class: `check check-${check.severity}` }, h('span', { class: 'severity' }, check.severity === 'error' ? 'Error' : 'Warning'), ' ', check.message, ' ', h('code', {}, check.code))),
  );
}

export interface ActivityEntry {
  kind: string;
  at: string;
  actorId: string | null;
  revision: number | null;
  note: string | null;
  /** For an editor's note on one block of the revision's body: that block, 0-based. */
  blockIndex?: number | null;
  /** For a `scheduled` entry: when the revision was to go live then (absent on older entries). */
  publishAt?: string | null;
}

/** The opening words of a block, as a note about it quotes them (plain text, at most `max` characters). */
export function blockOpening(block: ArticleBlock | undefined, max = 80): string | undefined {
  if (!block) return undefined;
  const text = block.type === 'quote' ? inlineToPlainText(block.text) : blockText(block, inlineToPlainText);
  const words = text.replace(/\s+/g, ' ').trim();
  if (words.length <= max) return words;
  // Cut at a word: a word the cut went through is left out.
  const cut = words.slice(0, max - 1);
  return `${(/\s/.test(words[max - 1]) ? cut : cut.replace(/\s+\S*$/, '')).trimEnd()}…`;
}

const ACTIVITY_WORDS: Record<string, string> = {
  created: 'Draft started',
  edited: 'Edited',
  submitted: 'Submitted for review',
  revision_started: 'New revision started',
  spiked: 'Spiked',
  unspiked: 'Unspiked',
  sub_edited: 'Edited in review',
  review_claimed: 'Taken for review',
  editor_note: 'Editor note',
  changes_requested: 'Changes requested',
  recalled: 'Recalled from review',
  approved: 'Approved',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  schedule_cancelled: 'Publication cancelled',
  published: 'Published',
  updated: 'Live text updated',
  corrected: 'Corrected',
  withdrawn: 'Unpublished',
  killed: 'Killed',
};

/** What ends an editor's hold on a revision: a decision, or its reporter taking it back or sending it again. */
const ENDS_CLAIM = new Set(['submitted', 'changes_requested', 'recalled', 'approved', 'rejected']);

/**
 * What each entry of a timeline (oldest first) says happened, in the same order. A schedule names
 * its time, and one of a revision already scheduled is a reschedule: "Scheduled for 9:00 AM EST",
 * then "Rescheduled to 11:30 AM EST", not the same word twice. A claim of a revision another editor
 * held is a take-over, and says from whom (`nameOf`, the desk's names): "Taken over from Ed
 * Editor", then the entry's own "by Eve Editor".
 */
export function activityWords(activity: readonly ActivityEntry[], nameOf: (personId: string) => string = (personId) => personId): string[] {
  const scheduled = new Set<number | null>();
  const holder = new Map<number | null, string>();
  return activity.map((entry) => {
    if (ENDS_CLAIM.has(entry.kind)) holder.delete(entry.revision);
    // The editor's edit is a newer revision, still theirs to review.
    if (entry.kind === 'sub_edited' && entry.actorId) holder.set(entry.revision, entry.actorId);
    if (entry.kind === 'review_claimed') {
      const before = holder.get(entry.revision);
      if (entry.actorId) holder.set(entry.revision, entry.actorId);
      if (before && entry.actorId && before !== entry.actorId) return `Taken over from ${nameOf(before)}`;
    }
    if (entry.kind !== 'scheduled') return ACTIVITY_WORDS[entry.kind] ?? entry.kind.replace(/_/g, ' ');
    const again = scheduled.has(entry.revision);
    scheduled.add(entry.revision);
    const words = again ? 'Rescheduled' : 'Scheduled';
    return entry.publishAt ? `${words} ${again ? 'to' : 'for'} ${when(entry.publishAt)}` : words;
  });
}

/**
 * The story's timeline, newest first. `blockOf` gives the block a note on one block is about (of
 * the revision the note names), so the reporter sees which paragraph it means.
 */
export function renderActivity(
  activity: readonly ActivityEntry[],
  names: PeopleNames = new Map(),
  selfId?: string,
  blockOf?: (revision: number, index: number) => ArticleBlock | undefined,
): HTMLElement {
  const words = new Map(activityWords(activity, (personId) => personName(names, personId, selfId)).map((said, index) => [activity[index], said]));
  const entries = activity.filter((entry) => entry.kind !== 'edited' || entry.note).slice().reverse();
  if (entries.length === 0) return h('p', {}, 'Nothing yet.');
  return h(
    'ol',
    { class: 'timeline' },
    entries.map((entry) =>
      h(
        'li',
        { class: entry.note ? 'has-note' : undefined },
        h('span', { class: 'what' }, words.get(entry)),
        entry.revision ? ` (revision ${entry.revision}${typeof entry.blockIndex === 'number' ? `, block ${entry.blockIndex + 1}` : ''})` : '',
        entry.actorId ? ` by ${personName(names, entry.actorId, selfId)}` : '',
        ' · ',
        h('time', { datetime: entry.at }, when(entry.at)),
        typeof entry.blockIndex === 'number' && entry.revision ? aboutBlock(blockOpening(blockOf?.(entry.revision, entry.blockIndex))) : null,
        entry.note ? h('blockquote', { class: 'note' }, entry.note) : null,
      ),
    ),
  );
}

function aboutBlock(opening: string | undefined): HTMLElement | null {
  return opening ? h('p', { class: 'note-about' }, 'About: “', opening, '”') : null;
}

interface WordChange {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

/**
 * One side of a word diff: the earlier text with its removed words in <del>, or the later one
 * with its added words in <ins>, so each side reads in order and not by colour alone.
 */
function side(which: 'before' | 'after', changes: readonly WordChange[] | undefined, value: unknown): HTMLElement {
  if (!changes) return h('span', {}, h(which === 'before' ? 'del' : 'ins', {}, typeof value === 'string' ? value : JSON.stringify(value ?? '')));
  const shown = changes.filter((c) => c.op === 'equal' || c.op === (which === 'before' ? 'removed' : 'added'));
  return h('span', {}, shown.map((c) => (c.op === 'equal' ? c.text : h(c.op === 'added' ? 'ins' : 'del', {}, c.text))));
}

/**
 * The heading over renderDiff: the revision the diff compares with is the diff's own, kept with
 * the submission. The review's `reviewedRevision` moves to the current revision once it is
 * decided, so it cannot say what a diff was made against.
 */
export function diffHeading(diff: { fromRevision?: number } | null): string {
  return diff?.fromRevision ? `Changes since revision ${diff.fromRevision}` : 'Changes';
}

/** One side of a changed field as an editor reads it: a section by its label, a dateline as "Place, date" (the date in the reader's form), bylines by name. */
function fieldValueText(name: string, value: unknown, sections: readonly SiteSection[]): string {
  if (value === null || value === undefined) return '';
  if (name === 'section' && typeof value === 'string') return sectionLabel(sections, value);
  if (typeof value === 'string') return value;
  if (name === 'dateline' && typeof value === 'object') {
    const { place, date } = value as { place?: string; date?: string };
    return [place, date ? onDay(date) : date].filter(Boolean).join(', ');
  }
  if (name === 'bylines' && Array.isArray(value)) return value.map((byline) => (byline as { name?: string }).name ?? '').join(', ');
  return JSON.stringify(value);
}

/**
 * editorial-review's diff of a resubmission against the revision an editor reviewed last (or of
 * a sub-edit against the revision its editor edited: `subEditedBy` names them), side by side:
 * what changed, the earlier text, the later text. `sections` gives sections their labels.
 * Without a diff: a first submission, or (`submittedBefore`) one whose earlier submissions were
 * recalled unread.
 */
export function renderDiff(
  diff: { fromRevision?: number; toRevision?: number; fields?: Record<string, unknown>; body?: unknown[] } | null,
  subEditedBy?: string,
  sections: readonly SiteSection[] = [],
  { submittedBefore = false }: { submittedBefore?: boolean } = {},
): HTMLElement {
  if (!diff) {
    // Submitted before and recalled before any editor claimed it: there are earlier revisions, none reviewed.
    return submittedBefore
      ? h('p', {}, 'No editor has reviewed an earlier revision: it was recalled before anyone claimed it. Read this one whole.')
      : h('p', {}, 'First submission: there is no earlier revision to compare it with.');
  }
  const before = `Revision ${diff.fromRevision ?? '?'}`;
  const after = `Revision ${diff.toRevision ?? '?'}`;
  const rows: [string, HTMLElement | string, HTMLElement | string][] = [];
  for (const [name, value] of Object.entries(diff.fields ?? {})) {
    const change = value as { before?: unknown; after?: unknown; changes?: WordChange[] } & Partial<TagsChange>;
    const label = FIELD_LABELS[name] ?? name;
    if (change.added || change.removed) rows.push([label, ...tagsChanged(change)]);
    else if (change.changes) rows.push([label, side('before', change.changes, change.before), side('after', change.changes, change.after)]);
    else rows.push([label, side('before', undefined, fieldValueText(name, change.before, sections)), side('after', undefined, fieldValueText(name, change.after, sections))]);
  }
  for (const entry of diff.body ?? []) {
    const change = entry as { change: string; fromIndex?: number; toIndex?: number; type?: string; block?: ArticleBlock; fields?: { field: string; before?: unknown; after?: unknown; changes?: WordChange[] }[] };
    if (change.change === 'added' && change.block) rows.push([`Block ${(change.toIndex ?? 0) + 1} added (${blockWord(change.block.type)})`, '', h('ins', {}, blockText(change.block))]);
    else if (change.change === 'removed' && change.block) rows.push([`Block ${(change.fromIndex ?? 0) + 1} removed (${blockWord(change.block.type)})`, h('del', {}, blockText(change.block)), '']);
    else for (const f of change.fields ?? []) rows.push([`Block ${(change.toIndex ?? 0) + 1}, ${blockWord(change.type ?? '')} ${fieldWord(f.field)}`, side('before', f.changes, f.before), side('after', f.changes, f.after)]);
  }
  return h(
    'div',
    { class: 'diff' },
    h('p', {}, `${after} against ${before}, ${subEditedBy ? `the one ${subEditedBy} edited` : 'the one reviewed last'}. Removed words are struck through, added words underlined.`),
    rows.length === 0
      ? h('p', {}, 'No changes.')
      : h(
          'table',
          { class: 'list diff-table' },
          h('caption', { class: 'visually-hidden' }, `Changes from ${before} to ${after}`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, before), h('th', { scope: 'col' }, after))),
          h('tbody', {}, rows.map(([what, left, right]) => h('tr', {}, h('th', { scope: 'row' }, what), h('td', { 'data-side': before }, left), h('td', { 'data-side': after }, right)))),
        ),
  );
}

/** A block's words on one line; `markup` reads the texts in inline markup (as written, or as plain text). */
function blockText(block: ArticleBlock, markup: (text: string) => string = (text) => text): string {
  switch (block.type) {
    case 'paragraph':
      return markup(block.text);
    case 'subheading':
      return block.text;
    case 'quote':
      return block.attribution ? `${markup(block.text)} — ${block.attribution}` : markup(block.text);
    case 'list':
      return block.items.map(markup).join(' · ');
    case 'image':
      return block.alt;
    case 'embed':
      return block.title ?? block.url;
    case 'related':
      return block.headline;
  }
}
