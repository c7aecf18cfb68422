import { diffArrays, diffWordsWithSpace } from 'diff';
import { labelOfTag, type ArticleBlock, type ArticleBlockType, type ArticleContent, type Byline, type Dateline } from '@newsroom/contracts';

/** One run of a word-level text diff; concatenating the non-`removed` runs gives the new text. */
export interface TextChange {
  op: 'equal' | 'added' | 'removed';
  text: string;
}

export interface TextFieldDiff {
  before: string | null;
  after: string | null;
  changes: TextChange[];
  /**
   * True when the word diff was not worked out because it would cost more than
   * DIFF_LIMITS allow (long texts rewritten throughout): `changes` is then the
   * whole old text removed and the whole new text added.
   */
  coarse?: true;
}

export interface ValueDiff<T> {
  before: T | null;
  after: T | null;
}

/** Tags by slug; a tag's words (ArticleContent.tagLabels) ride along so an editor reads what readers will. */
export interface TagsDiff {
  added: string[];
  removed: string[];
  /** Tags in both revisions, typed differently: the words before and after (null: none, the slug stands). */
  relabelled: { tag: string; before: string | null; after: string | null }[];
  /** The words of each added or removed tag that has a label, as its revision typed it. */
  labels: Record<string, string>;
}

/** The top-level fields that changed; unchanged fields are absent. */
export interface FieldsDiff {
  headline?: TextFieldDiff;
  standfirst?: TextFieldDiff;
  dateline?: ValueDiff<Dateline>;
  section?: ValueDiff<string>;
  tags?: TagsDiff;
  bylines?: ValueDiff<Byline[]>;
  language?: ValueDiff<string>;
}

export interface BlockFieldDiff extends TextFieldDiff {
  field: string;
}

/** Indexes are positions in the old (`from`) and new (`to`) body. */
export type BlockChange =
  | { change: 'added'; toIndex: number; block: ArticleBlock }
  | { change: 'removed'; fromIndex: number; block: ArticleBlock }
  | { change: 'changed'; fromIndex: number; toIndex: number; type: ArticleBlockType; fields: BlockFieldDiff[] };

export interface RevisionDiff {
  fromRevision: number;
  toRevision: number;
  fields: FieldsDiff;
  body: BlockChange[];
  summary: {
    fieldsChanged: string[];
    blocksAdded: number;
    blocksRemoved: number;
    blocksChanged: number;
    blocksMoved: number;
    /** Texts shown replaced as a whole because a word diff was over DIFF_LIMITS (see TextFieldDiff.coarse). */
    coarseTexts: number;
  };
}

/**
 * How much word diffing one revision diff may do. Diffing runs on the event
 * loop of the consumer that receives a submission, so it has to stay short
 * whatever reporters write: a word diff costs about (tokens of both texts) ×
 * (edits searched for) steps (Myers' O(ND)), and the whole diff gets a fixed
 * number of such steps. Measured on a 2-core machine, the full budget is spent
 * in about 20 ms; an unbounded diff of three rewritten 10 kB paragraphs took 8 s.
 */
export const DIFF_LIMITS = {
  /** The most word edits looked for in one text; a text changed more than this is shown replaced. */
  maxEditsPerText: 1_000,
  /** Steps (tokens × edits) for all the word diffs of one revision diff together. */
  workBudget: 1_000_000,
} as const;

/**
 * The steps left for one revision diff. Charged for what each word diff could
 * have cost, so the total is bounded by the inputs alone, not by timing.
 */
export class DiffBudget {
  private spentSteps = 0;

  constructor(readonly limit: number = DIFF_LIMITS.workBudget) {}

  get spent(): number {
    return this.spentSteps;
  }

  /** The most edits a diff of `tokens` tokens may look for now (0: none, show the text replaced). */
  editsAffordable(tokens: number): number {
    const remaining = this.limit - this.spentSteps;
    return Math.max(0, Math.min(DIFF_LIMITS.maxEditsPerText, Math.floor(remaining / Math.max(tokens, 1))));
  }

  charge(steps: number): void {
    this.spentSteps += steps;
  }
}

/**
 * What changed between two revisions, for an editor re-reading a resubmitted
 * article: each changed top-level field, and the body as blocks added, removed
 * or changed in place, with word-level changes inside changed text.
 *
 * Blocks are aligned on their whole content first; a removed block and an
 * added block of the same type between the same unchanged neighbours are
 * reported as one changed block, which is how an edit reads to a person.
 */
export function diffRevisions(
  from: { revision: number; article: ArticleContent },
  to: { revision: number; article: ArticleContent },
  budget: DiffBudget = new DiffBudget(),
): RevisionDiff {
  const fields = diffFields(from.article, to.article, budget);
  const body = diffBody(from.article.body, to.article.body, budget);
  return {
    fromRevision: from.revision,
    toRevision: to.revision,
    fields,
    body,
    summary: {
      fieldsChanged: Object.keys(fields),
      blocksAdded: body.filter((c) => c.change === 'added').length,
      blocksRemoved: body.filter((c) => c.change === 'removed').length,
      blocksChanged: body.filter((c) => c.change === 'changed').length,
      blocksMoved: countMoved(body),
      coarseTexts: countCoarse(fields, body),
    },
  };
}

/**
 * A word diff of two texts within `budget`; past it (or past
 * DIFF_LIMITS.maxEditsPerText edits) the old text is shown removed and the new
 * one added, marked `coarse`.
 */
export function diffText(before: string | null | undefined, after: string | null | undefined, budget: DiffBudget = new DiffBudget()): TextFieldDiff {
  const old = before ?? '';
  const updated = after ?? '';
  const tokens = tokenCount(old) + tokenCount(updated);
  const maxEditLength = budget.editsAffordable(tokens);
  // Spaces are tokens of their own: `diffWords` folds them into the runs beside them, so words added
  // before a full stop ("a year{+ in lost night shifts+}.") showed the earlier text as "a year ." —
  // both texts must rebuild exactly from the runs, as the reviewer reads them side by side.
  const parts = maxEditLength > 0 ? diffWordsWithSpace(old, updated, { maxEditLength }) : undefined;
  if (!parts) {
    budget.charge(tokens * maxEditLength);
    const changes: TextChange[] = [
      ...(old ? [{ op: 'removed' as const, text: old }] : []),
      ...(updated ? [{ op: 'added' as const, text: updated }] : []),
    ];
    return { before: before ?? null, after: after ?? null, changes, coarse: true };
  }
  const changes = joinedEdits(parts.map((part): TextChange => ({ op: part.added ? 'added' : part.removed ? 'removed' : 'equal', text: part.value })));
  // Myers' search stops at the number of edit steps it needed: one per token added or removed.
  const edits = parts.reduce((sum, part) => sum + (part.added || part.removed ? tokenCount(part.value) : 0), 0);
  budget.charge(tokens * Math.min(edits + 1, maxEditLength));
  return { before: before ?? null, after: after ?? null, changes };
}

/**
 * The runs as a reader takes them in: a space left alone between two edits ("{+Harbour+} {+council+}")
 * becomes part of them, and each stretch of edits reads as what was taken out, then what was put in
 * ("[-7 to 2-]{+8 to 1+}"). Both texts still rebuild exactly: a stretch's removed runs are its
 * earlier text and its added runs its later one, in order.
 */
function joinedEdits(changes: TextChange[]): TextChange[] {
  const joined: TextChange[] = [];
  let removed = '';
  let added = '';
  const endStretch = (): void => {
    if (removed) joined.push({ op: 'removed', text: removed });
    if (added) joined.push({ op: 'added', text: added });
    removed = '';
    added = '';
  };
  changes.forEach((change, index) => {
    const between = index > 0 && index < changes.length - 1 && changes[index - 1].op !== 'equal' && changes[index + 1].op !== 'equal';
    if (change.op === 'equal' && !(between && /^\s+$/u.test(change.text))) {
      endStretch();
      joined.push(change);
      return;
    }
    if (change.op !== 'added') removed += change.text;
    if (change.op !== 'removed') added += change.text;
  });
  endStretch();
  return joined;
}

/** Words, runs of spaces and punctuation marks: about what the word diff compares. */
function tokenCount(text: string): number {
  return text.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu)?.length ?? 0;
}

function countCoarse(fields: FieldsDiff, body: BlockChange[]): number {
  const texts = [fields.headline, fields.standfirst, ...body.flatMap((change) => (change.change === 'changed' ? change.fields : []))];
  return texts.filter((text) => text?.coarse).length;
}

function diffFields(from: ArticleContent, to: ArticleContent, budget: DiffBudget): FieldsDiff {
  const fields: FieldsDiff = {};
  if (from.headline !== to.headline) fields.headline = diffText(from.headline, to.headline, budget);
  if (normalized(from.standfirst) !== normalized(to.standfirst)) fields.standfirst = diffText(from.standfirst, to.standfirst, budget);
  if (!sameJson(from.dateline ?? null, to.dateline ?? null)) fields.dateline = { before: from.dateline ?? null, after: to.dateline ?? null };
  if (from.section !== to.section) fields.section = { before: from.section, after: to.section };
  const tags = diffTags(from, to);
  if (tags.added.length > 0 || tags.removed.length > 0 || tags.relabelled.length > 0) fields.tags = tags;
  if (!sameJson(from.bylines, to.bylines)) fields.bylines = { before: from.bylines, after: to.bylines };
  if (from.language !== to.language) fields.language = { before: from.language, after: to.language };
  return fields;
}

function diffTags(fromText: ArticleContent, toText: ArticleContent): TagsDiff {
  const from = fromText.tags ?? [];
  const to = toText.tags ?? [];
  const added = to.filter((tag) => !from.includes(tag));
  const removed = from.filter((tag) => !to.includes(tag));
  const relabelled = to
    .filter((tag) => from.includes(tag))
    .map((tag) => ({ tag, before: labelOfTag(tag, fromText.tagLabels) ?? null, after: labelOfTag(tag, toText.tagLabels) ?? null }))
    .filter((change) => change.before !== change.after);
  const labels: Record<string, string> = {};
  for (const [tags, text] of [[added, toText], [removed, fromText]] as const) {
    for (const tag of tags) {
      const label = labelOfTag(tag, text.tagLabels);
      if (label !== undefined) labels[tag] = label;
    }
  }
  return { added, removed, relabelled, labels };
}

function diffBody(from: ArticleBlock[], to: ArticleBlock[], budget: DiffBudget): BlockChange[] {
  const fromKeys = from.map(blockKey);
  const toKeys = to.map(blockKey);
  const changes: BlockChange[] = [];
  let fromIndex = 0;
  let toIndex = 0;
  let removedRun: number[] = [];
  let addedRun: number[] = [];
  const flush = () => {
    changes.push(...pairRun(from, to, removedRun, addedRun, budget));
    removedRun = [];
    addedRun = [];
  };
  for (const part of diffArrays(fromKeys, toKeys)) {
    if (part.removed) {
      removedRun.push(...range(fromIndex, part.count));
      fromIndex += part.count;
    } else if (part.added) {
      addedRun.push(...range(toIndex, part.count));
      toIndex += part.count;
    } else {
      flush();
      fromIndex += part.count;
      toIndex += part.count;
    }
  }
  flush();
  return changes;
}

/**
 * Within one stretch of removed and added blocks, blocks of the same type are
 * paired in order (a longest common subsequence on the type) and reported as
 * changed; the rest stay removed or added.
 */
function pairRun(from: ArticleBlock[], to: ArticleBlock[], removed: number[], added: number[], budget: DiffBudget): BlockChange[] {
  if (removed.length === 0 && added.length === 0) return [];
  const changes: BlockChange[] = [];
  let r = 0;
  let a = 0;
  const paired = diffArrays(removed, added, { comparator: (i, j) => from[i].type === to[j].type });
  for (const part of paired) {
    for (let k = 0; k < part.count; k += 1) {
      if (part.removed) {
        const fromIndex = removed[r++];
        changes.push({ change: 'removed', fromIndex, block: from[fromIndex] });
      } else if (part.added) {
        const toIndex = added[a++];
        changes.push({ change: 'added', toIndex, block: to[toIndex] });
      } else {
        const fromIndex = removed[r++];
        const toIndex = added[a++];
        changes.push({ change: 'changed', fromIndex, toIndex, type: to[toIndex].type, fields: diffBlockFields(from[fromIndex], to[toIndex], budget) });
      }
    }
  }
  return changes;
}

function diffBlockFields(from: ArticleBlock, to: ArticleBlock, budget: DiffBudget): BlockFieldDiff[] {
  const before = from as unknown as Record<string, unknown>;
  const after = to as unknown as Record<string, unknown>;
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => name !== 'type');
  return names
    .filter((name) => !sameJson(before[name], after[name]))
    .map((name) => ({ field: name, ...diffText(asText(before[name]), asText(after[name]), budget) }));
}

/** A block removed in one place and added unchanged in another was moved. */
function countMoved(changes: BlockChange[]): number {
  const removed = changes.filter((c) => c.change === 'removed').map((c) => blockKey(c.block));
  let moved = 0;
  for (const change of changes) {
    if (change.change !== 'added') continue;
    const at = removed.indexOf(blockKey(change.block));
    if (at >= 0) {
      removed.splice(at, 1);
      moved += 1;
    }
  }
  return moved;
}

function blockKey(block: ArticleBlock): string {
  return diffJson(block);
}

function sameJson(a: unknown, b: unknown): boolean {
  return diffJson(a) === diffJson(b);
}

/**
 * JSON with object keys sorted and unset fields dropped: one side of a diff is
 * read back from jsonb (which reorders keys), the other comes from an event. Unlike
 * contracts' canonicalJson, which keeps nulls, a field set to null reads as one not set.
 */
export function diffJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .filter((key) => record[key] !== undefined && record[key] !== null)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

function normalized(text: string | undefined | null): string | null {
  return text === undefined || text === null || text === '' ? null : text;
}

/** A field as text to diff word by word: a list's items one per line, other values as JSON. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join('\n');
  return JSON.stringify(value);
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}
