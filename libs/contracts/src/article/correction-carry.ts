import { diffArrays } from 'diff';
import { canonicalJson } from '../canonical-json';
import { validatePlain } from '../validation';
import type { ArticleBlock } from './article-blocks';
import type { ListStyle } from './article-limits';
import { ArticleContent } from './article-content';
import { correctedBylines } from './bylines';
import { labelOfTag } from './tag-slug';

/**
 * The newsroom rule that a published correction is never undone by a later text of the same
 * story: a revision the reporter was already writing, one under review, or one approved and
 * waiting when the correction was made. Drafting applies it to the reporter's working copy,
 * publishing to a revision as it goes live over a corrected one; both call `carryCorrection`.
 */
export { correctedBylines, respelled } from './bylines';

export const CORRECTABLE_FIELDS = ['headline', 'standfirst', 'section', 'tags', 'language', 'bylines', 'dateline', 'body'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** What carrying a correction into a later text did. */
export interface CorrectionCarry {
  /** The later text with the corrected fields it took; the same object when it took none. */
  text: ArticleContent;
  /** Fields the correction changed that the later text took. */
  applied: CorrectableField[];
  /**
   * Fields the correction changed that the later text had changed too, in a way the merge
   * cannot combine with the correction: the later text is kept there.
   */
  kept: CorrectableField[];
}

/** How each field is compared: by what readers see of it. */
const COMPARED: Record<CorrectableField, (text: ArticleContent) => string> = {
  headline: (text) => text.headline,
  standfirst: (text) => text.standfirst ?? '',
  section: (text) => text.section,
  tags: (text) => JSON.stringify((text.tags ?? []).map((tag) => [tag, labelOfTag(tag, text.tagLabels) ?? null])),
  language: (text) => text.language,
  bylines: (text) => JSON.stringify(text.bylines.map((byline) => byline.name)),
  // Canonical JSON: texts come back from jsonb, which orders object keys its own way.
  dateline: (text) => canonicalJson(text.dateline ?? null),
  body: (text) => canonicalJson(text.body),
};

/** The fields whose value readers see differently in `a` and `b`. */
function fieldsChanged(a: ArticleContent, b: ArticleContent): CorrectableField[] {
  return CORRECTABLE_FIELDS.filter((field) => COMPARED[field](a) !== COMPARED[field](b));
}

/**
 * Carries a correction into `later`, a text of the same story written from the text the
 * correction replaced (a three-way merge: `replaced` is the common base, `corrected` the live
 * text after the correction). For each field the correction changed:
 * - `later` still holds the replaced value (nobody touched it): it takes the corrected value;
 * - `later` already reads as corrected: nothing to do;
 * - `later` changed it too: the body is merged paragraph by paragraph (`carryBlocks`: each
 *   block the correction rewrote or removed is found in `later` and replaced there, a block it
 *   added goes in after the block it followed, and what `later` already holds is left as it
 *   is); any other field, or a body whose changed paragraphs the later text also rewrote,
 *   keeps the later text (`kept`), so a writer's or an editor's deliberate change is never
 *   overwritten.
 * Bylines are compared by name and keep each person's account id (`correctedBylines`). A
 * merge whose result would not be a valid article (which fields of two valid texts should not
 * give) takes nothing. Carrying the same correction twice changes nothing the second time.
 */
export function carryCorrection(later: ArticleContent, replaced: ArticleContent, corrected: ArticleContent): CorrectionCarry {
  const applied: CorrectableField[] = [];
  const kept: CorrectableField[] = [];
  const result: ArticleContent = { ...later };
  for (const field of fieldsChanged(replaced, corrected)) {
    const now = COMPARED[field](later);
    if (now === COMPARED[field](corrected)) continue;
    if (now === COMPARED[field](replaced)) {
      takeField(result, corrected, field);
      applied.push(field);
      continue;
    }
    const body = field === 'body' ? carryBlocks(later.body, replaced.body, corrected.body) : null;
    if (!body) kept.push(field);
    else if (canonicalJson(body) !== now) {
      result.body = body;
      applied.push(field);
    }
  }
  if (applied.length === 0) return { text: later, applied, kept };
  const valid = validatePlain(ArticleContent, JSON.parse(JSON.stringify(result)) as object);
  if (!valid.ok) return { text: later, applied: [], kept: [...applied, ...kept] };
  return { text: valid.value, applied, kept };
}

function takeField(result: ArticleContent, corrected: ArticleContent, field: CorrectableField): void {
  switch (field) {
    case 'standfirst':
      if (corrected.standfirst === undefined) delete result.standfirst;
      else result.standfirst = corrected.standfirst;
      break;
    case 'dateline':
      if (corrected.dateline === undefined) delete result.dateline;
      else result.dateline = { ...corrected.dateline };
      break;
    case 'tags':
      result.tags = [...(corrected.tags ?? [])];
      if (corrected.tagLabels === undefined) delete result.tagLabels;
      else result.tagLabels = { ...corrected.tagLabels };
      break;
    case 'bylines':
      result.bylines = correctedBylines(
        corrected.bylines.map((byline) => byline.name),
        result.bylines,
      );
      break;
    case 'body':
      result.body = structuredClone(corrected.body);
      break;
    case 'headline':
    case 'section':
    case 'language':
      result[field] = corrected[field];
      break;
  }
}

/**
 * The correction's changes to the body replayed on `later`'s body, or null when one of them
 * cannot be placed. The correction is read as hunks (a diff of `replaced` to `corrected` by
 * whole blocks), each applied where it belongs in `later`:
 * - a hunk that rewrote or removed blocks, where those blocks stand side by side, exactly once;
 *   a hunk that rewrote as many blocks as it holds, block for block (neighbouring paragraphs
 *   corrected at different times, say), is read as one hunk per block, so a later text that
 *   holds one of the corrections already still takes the other;
 * - a hunk that only added blocks, after the block it followed (or before the one it preceded,
 *   at the start), found exactly once.
 * A block the hunk added that `later` already holds is not added again, and a hunk whose
 * blocks are gone from `later` and whose additions are all there is passed over (a later text
 * written from the corrected one). A block `later` rewrote too, or holds twice, is a conflict: the whole body is then `later`'s, since half a correction
 * can read worse than none. The result equals `later` when every hunk was there already.
 *
 * A list's items are merged as paragraphs are (`unitsOf`): a correction of one item goes into a
 * later text that rewrote another item of the same list; only the same item rewritten on both
 * sides is a conflict.
 */
export function carryBlocks(later: readonly ArticleBlock[], replaced: readonly ArticleBlock[], corrected: readonly ArticleBlock[]): ArticleBlock[] | null {
  const merged = carryUnits(unitsOf(later), unitsOf(replaced), unitsOf(corrected));
  return merged && blocksOf(merged);
}

/** A list's opening, one of its items, and its end: what `unitsOf` makes of a list block. */
type ListUnit = { type: 'list-start'; style: ListStyle } | { type: 'list-item'; text: string } | { type: 'list-end' };
type Unit = ArticleBlock | ListUnit;

/** The body with each list taken apart into its opening, items and end, so items merge one by one. */
function unitsOf(body: readonly ArticleBlock[]): Unit[] {
  return body.flatMap((block): Unit[] =>
    block.type === 'list' ? [{ type: 'list-start', style: block.style }, ...block.items.map((text): Unit => ({ type: 'list-item', text })), { type: 'list-end' }] : [block],
  );
}

/** The body again from its units; null when a merge left a list's pieces out of order (read as a conflict). A list left without items goes. */
function blocksOf(units: readonly Unit[]): ArticleBlock[] | null {
  const body: ArticleBlock[] = [];
  let open: { style: ListStyle; items: string[] } | null = null;
  for (const unit of units) {
    if (unit.type === 'list-start') {
      if (open) return null;
      open = { style: unit.style, items: [] };
    } else if (unit.type === 'list-item') {
      if (!open) return null;
      open.items.push(unit.text);
    } else if (unit.type === 'list-end') {
      if (!open) return null;
      if (open.items.length > 0) body.push({ type: 'list', style: open.style, items: open.items });
      open = null;
    } else {
      if (open) return null;
      body.push(unit);
    }
  }
  return open ? null : body;
}

function carryUnits(later: readonly Unit[], replaced: readonly Unit[], corrected: readonly Unit[]): Unit[] | null {
  const key = (block: Unit): string => canonicalJson(block);
  const hunks: { before: string | null; after: string | null; removed: string[]; added: Unit[] }[] = [];
  let previous: string | null = null;
  let open: (typeof hunks)[number] | null = null;
  for (const part of diffArrays(replaced.map(key), corrected.map(key))) {
    if (!part.added && !part.removed) {
      if (open) open.after = part.value[0] ?? null;
      open = null;
      previous = part.value.at(-1) ?? previous;
      continue;
    }
    open ??= (hunks.push({ before: previous, after: null, removed: [], added: [] }), hunks[hunks.length - 1]);
    if (part.removed) open.removed.push(...part.value);
    else open.added.push(...part.value.map((value) => JSON.parse(value) as Unit));
  }
  let body = later.map((block) => ({ key: key(block), block }));
  for (const hunk of hunks.flatMap(blockForBlock)) {
    // What the hunk added and `later` already has (an earlier correction of the same text, or
    // a text written from the corrected one) is not added twice.
    const missing = hunk.added.map((block) => ({ key: key(block), block })).filter((block) => !body.some((kept) => kept.key === block.key));
    const removedAt = runsOf(body, hunk.removed);
    if (removedAt.length === 0 && missing.length === 0) continue;
    const at = hunk.removed.length > 0 ? (removedAt.length === 1 ? removedAt[0] : null) : insertionPoint(body, hunk.before, hunk.after);
    if (at === null) return null;
    body = [...body.slice(0, at), ...missing, ...body.slice(at + hunk.removed.length)];
  }
  return body.map(({ block }) => structuredClone(block));
}

/** A hunk that rewrote n blocks into n blocks, as n hunks of one block each; any other hunk as it is. */
function blockForBlock<Hunk extends { removed: string[]; added: Unit[] }>(hunk: Hunk): Hunk[] {
  if (hunk.removed.length < 2 || hunk.removed.length !== hunk.added.length) return [hunk];
  return hunk.removed.map((removed, index) => ({ ...hunk, removed: [removed], added: [hunk.added[index]] }));
}

/** Every place `run` stands in `body` as consecutive blocks; none for an empty run. */
function runsOf(body: readonly { key: string }[], run: readonly string[]): number[] {
  const starts: number[] = [];
  if (run.length === 0) return starts;
  for (let start = 0; start + run.length <= body.length; start += 1) {
    if (run.every((value, offset) => body[start + offset].key === value)) starts.push(start);
  }
  return starts;
}

/** Where `run` stands in `body` as consecutive blocks, when it does exactly once; null otherwise. */
function onlyRun(body: readonly { key: string }[], run: readonly string[]): number | null {
  const starts = runsOf(body, run);
  return starts.length === 1 ? starts[0] : null;
}

/** Where blocks the correction added after `before` (or ahead of `after`, at the start) go in `body`; null when that block is not there exactly once. */
function insertionPoint(body: readonly { key: string }[], before: string | null, after: string | null): number | null {
  if (before !== null) {
    const at = onlyRun(body, [before]);
    return at === null ? null : at + 1;
  }
  if (after !== null) return onlyRun(body, [after]);
  return body.length === 0 ? 0 : null;
}

