import { ArticleContent, carryCorrection, correctedBylines, validatePlain, type ArticleBlock, type ArticlePublishedData, type CorrectableField, type Dateline } from '@newsroom/contracts';

export type { CorrectableField } from '@newsroom/contracts';

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

/**
 * The live text a publishing event reports: the text whole when it carries it (`article`), or
 * else its summary fields, without the body and the dateline.
 */
export function correctedTextOf(data: ArticlePublishedData): CorrectedText {
  if (data.article) return liveTextOf(data.article);
  return {
    headline: data.headline,
    standfirst: data.standfirst,
    section: data.section,
    tags: data.tags,
    language: data.language,
    bylineNames: data.bylines.map((byline) => byline.name),
  };
}

/** A live text publishing sent whole (an event's `article`), as the fields a correction reports. */
export function liveTextOf(text: ArticleContent): CorrectedText {
  return {
    headline: text.headline,
    standfirst: text.standfirst,
    section: text.section,
    tags: text.tags,
    language: text.language,
    bylineNames: text.bylines.map((byline) => byline.name),
    body: text.body,
    dateline: text.dateline ?? null,
  };
}

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

/**
 * Merges a published correction into the reporter's working copy (`carryCorrection`, the rule
 * publishing applies too). `replaced` is the live text the correction replaced: a field the
 * reporter left as it was takes the corrected value, and an unsubmitted edit of theirs is never
 * overwritten (the correction is on the timeline for them to carry over by hand). The same
 * correction merged again finds nothing changed (`replaced` is then the corrected text), so a
 * redelivery changes nothing.
 */
export function mergeCorrection(working: ArticleContent, replaced: ArticleContent, corrected: CorrectedText): CorrectionMerge {
  const live = validArticle(liveAfter(replaced, corrected)) ?? replaced;
  const carry = carryCorrection(working, replaced, live);
  return { working: carry.text, live, applied: carry.applied, kept: carry.kept };
}

/**
 * The live text after a correction: `replaced` with the values the event reports; the body and
 * the dateline stay as they were when the event did not carry the text whole.
 */
function liveAfter(replaced: ArticleContent, corrected: CorrectedText): ArticleContent {
  const live: ArticleContent = {
    ...replaced,
    headline: corrected.headline,
    section: corrected.section,
    tags: [...corrected.tags],
    language: corrected.language,
    bylines: correctedBylines(corrected.bylineNames, replaced.bylines),
    body: corrected.body === undefined ? replaced.body : structuredClone(corrected.body),
  };
  if (corrected.standfirst === undefined) delete live.standfirst;
  else live.standfirst = corrected.standfirst;
  if (corrected.dateline === null) delete live.dateline;
  else if (corrected.dateline !== undefined) live.dateline = { ...corrected.dateline };
  return live;
}

function validArticle(text: ArticleContent): ArticleContent | null {
  const result = validatePlain(ArticleContent, JSON.parse(JSON.stringify(text)) as object);
  return result.ok ? result.value : null;
}
