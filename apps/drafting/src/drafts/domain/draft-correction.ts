import { distance } from 'fastest-levenshtein';
import { ArticleContent, canonicalJson, validatePlain, type ArticleBlock, type Byline, type Dateline } from '@newsroom/contracts';

/**
 * The fields of the live text that a published correction reports: what publishing's
 * corrected event carries, the whole live value of each. The body and the dateline come from
 * the corrected text the event carries whole; an event written before it was carried has
 * neither, and those two fields are then left as they are.
 */
export interface CorrectedText {
  headline: string;
  /** Absent when the live text has no standfirst. */
  standfirst?: string;
  section: string;
  tags: string[];
  language: string;
  /** The bylines as printed: names only, without the account ids drafting keeps. */
  bylineNames: string[];
  /** The corrected body, whole; absent when the event did not carry the text. */
  body?: ArticleBlock[];
  /** The corrected dateline (null: the corrected text has none); absent when the event did not carry the text. */
  dateline?: Dateline | null;
}

export const CORRECTABLE_FIELDS = ['headline', 'standfirst', 'section', 'tags', 'language', 'bylines', 'dateline', 'body'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** What a correction did to the reporter's working copy. */
export interface CorrectionMerge {
  /** The working copy with the corrected fields it took; the same object when it took none. */
  working: ArticleContent;
  /** The live text after the correction, as drafting knows it: the base for the next correction. */
  live: ArticleContent;
  /** Fields the correction replaced in the working copy. */
  applied: CorrectableField[];
  /** Fields the correction changed that the reporter had changed too: their text is kept. */
  kept: CorrectableField[];
}

/** How each field is compared: by what readers see of it. */
const COMPARED: Record<CorrectableField, (text: ArticleContent) => string> = {
  headline: (text) => text.headline,
  standfirst: (text) => text.standfirst ?? '',
  section: (text) => text.section,
  tags: (text) => JSON.stringify(text.tags ?? []),
  language: (text) => text.language,
  bylines: (text) => JSON.stringify(text.bylines.map((byline) => byline.name)),
  // Canonical JSON: the saved revisions come back from jsonb, which orders object keys its own way.
  dateline: (text) => canonicalJson(text.dateline ?? null),
  body: (text) => canonicalJson(text.body),
};


/**
 * Merges a published correction into the reporter's working copy. `replaced` is the live text
 * the correction replaced. A field the correction changed is replaced in the working copy only
 * where the working copy still holds the replaced value, i.e. the reporter did not change that
 * field: an unsubmitted edit of the reporter's is never overwritten (the correction is on the
 * timeline for them to carry over by hand). A working copy that already reads as corrected is
 * left alone. The same correction merged again finds nothing changed (`replaced` is then the
 * corrected text), so a redelivery changes nothing. A merge that would leave an invalid
 * article (which fields of two valid texts should not do) takes nothing.
 */
export function mergeCorrection(working: ArticleContent, replaced: ArticleContent, corrected: CorrectedText): CorrectionMerge {
  const correctedLive = withFields(replaced, corrected, CORRECTABLE_FIELDS);
  const changed = CORRECTABLE_FIELDS.filter((field) => COMPARED[field](replaced) !== COMPARED[field](correctedLive));
  const untouched = changed.filter((field) => COMPARED[field](working) === COMPARED[field](replaced));
  const kept = changed.filter((field) => !untouched.includes(field) && COMPARED[field](working) !== COMPARED[field](correctedLive));
  const live = validArticle(correctedLive) ?? replaced;
  if (untouched.length === 0) return { working, live, applied: [], kept };
  const merged = validArticle(withFields(working, corrected, untouched));
  if (!merged) return { working, live, applied: [], kept: [...untouched, ...kept] };
  return { working: merged, live, applied: untouched, kept };
}

/** `text` with `fields` taken from `corrected`. */
function withFields(text: ArticleContent, corrected: CorrectedText, fields: readonly CorrectableField[]): ArticleContent {
  const result: ArticleContent = { ...text };
  for (const field of fields) {
    switch (field) {
      case 'standfirst':
        if (corrected.standfirst === undefined) delete result.standfirst;
        else result.standfirst = corrected.standfirst;
        break;
      case 'tags':
        result.tags = [...corrected.tags];
        break;
      case 'bylines':
        result.bylines = correctedBylines(corrected.bylineNames, text.bylines);
        break;
      case 'body':
        if (corrected.body !== undefined) result.body = structuredClone(corrected.body);
        break;
      case 'dateline':
        if (corrected.dateline === null) delete result.dateline;
        else if (corrected.dateline !== undefined) result.dateline = { ...corrected.dateline };
        break;
      case 'headline':
      case 'section':
      case 'language':
        result[field] = corrected[field];
        break;
    }
  }
  return result;
}

/**
 * The corrected names as bylines, keeping each person's account id: a name still in the list
 * keeps the id it had (wherever it moved); a name new to the list takes the id of the byline at
 * its place only when that byline's name is gone from the list and the two read as one name
 * respelled (`respelled`); otherwise none, so a replaced or reordered byline never carries
 * someone else's account.
 */
function correctedBylines(names: string[], previous: readonly Byline[]): Byline[] {
  const idOf = (name: string, index: number): string | undefined => {
    const same = previous.find((byline) => byline.name === name);
    if (same) return same.id;
    const atPlace = previous[index];
    return atPlace && !names.includes(atPlace.name) && respelled(atPlace.name, name) ? atPlace.id : undefined;
  };
  return names.map((name, index) => {
    const id = idOf(name, index);
    return id === undefined ? { name } : { name, id };
  });
}

/**
 * Whether `after` reads as `before` with its spelling corrected ("Daniel Achbe" → "Daniel
 * Achebe"), not as another person: at most a quarter of its characters edited (Levenshtein
 * distance, case and spacing aside), and never more than three.
 */
export function respelled(before: string, after: string): boolean {
  const a = before.toLowerCase().replace(/\s+/g, ' ').trim();
  const b = after.toLowerCase().replace(/\s+/g, ' ').trim();
  const limit = Math.min(3, Math.floor(Math.max(a.length, b.length) / 4));
  return distance(a, b) <= limit;
}

function validArticle(text: ArticleContent): ArticleContent | null {
  const result = validatePlain(ArticleContent, JSON.parse(JSON.stringify(text)) as object);
  return result.ok ? result.value : null;
}
