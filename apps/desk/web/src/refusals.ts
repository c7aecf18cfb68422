import { ApiError, errorDetails } from './api';
import { blockWord, fieldWord } from './block-words';
import type { Article, ShownCheck } from './views';

/**
 * What the server refused of a save (400: the fields it named and why), listed with the checks as
 * errors until a save goes through: otherwise the reporter sees only a grey status line while
 * nothing is being saved.
 */
export function refusalsOf(error: unknown, sent: Article): ShownCheck[] {
  if (!(error instanceof ApiError)) return [];
  return refusedInWords(error, sent).map((message) => ({ code: error.code, severity: 'error', message: `Not saved: ${message}` }));
}

/**
 * What a service refused of `sent` (400 or 413), each problem with its field named as the reporter
 * knows it ("Byline 2 must be …", never "bylines.1.name"); empty for any other failure. Saving
 * and the page preview say refusals in these words.
 */
export function refusedInWords(error: unknown, sent: Article): string[] {
  if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 413)) return [];
  const found = errorDetails(error).filter((detail): detail is { path?: string; message: string } => typeof detail.message === 'string');
  if (found.length === 0) return [error.message];
  // The server's messages name their field by its path ("body.9.text must be shorter than…"):
  // said here as the checks and the screen count ("Block 10 (paragraph) must be …").
  const named = (detail: { path?: string; message: string }): string => {
    const message = plainValidationWords(detail.message);
    if (!detail.path) return message;
    const words = fieldInWords(detail.path, sent);
    return message.includes(detail.path) ? message.replace(detail.path, words) : `${words}: ${message}`;
  };
  return found.map(named);
}

/** A validator's wording a person reads more easily: "must be longer than or equal to 1 characters" → "must not be empty". */
export function plainValidationWords(message: string): string {
  return message.replace(/must be longer than or equal to 1 characters?/g, 'must not be empty');
}

/**
 * A field of the story as the reporter knows it, from the path a refusal names: `body.9.text`
 * → "Block 10 (paragraph)", `body.1.alt` → "Block 2 (picture) alt text", `body.4.items.2` →
 * "Block 5 (list) item 3", `bylines.0.name` →
 * "Byline 1", `tags.2` → "Tag 3", `dateline.place` → "The dateline's place". Counted from 1, as
 * the checks count blocks.
 */
export function fieldInWords(path: string, sent: Article): string {
  const block = /^body\.(\d+)(?:\.(\w+))?(?:\.(\d+))?/.exec(path);
  if (block) {
    const index = Number(block[1]);
    const kind = sent.body[index]?.type;
    const field =
      block[2] === 'items' && block[3] !== undefined
        ? ` item ${Number(block[3]) + 1}`
        : block[2] && block[2] !== 'text' && block[2] !== 'type'
          ? ` ${fieldWord(block[2])}`
          : '';
    return `Block ${index + 1}${kind ? ` (${blockWord(kind)})` : ''}${field}`;
  }
  const listed = /^(bylines|tags)\.(\d+)/.exec(path);
  if (listed) return `${listed[1] === 'bylines' ? 'Byline' : 'Tag'} ${Number(listed[2]) + 1}${listed[1] === 'tags' && sent.tags?.[Number(listed[2])] ? ` (“${sent.tags[Number(listed[2])]}”)` : ''}`;
  // A tag's words (tagLabels) are the tags as the form shows them.
  if (/^tagLabels\b/.test(path)) return 'Tags';
  const dateline = /^dateline\.(place|date)$/.exec(path);
  if (dateline) return `The dateline’s ${dateline[1]}`;
  return path.charAt(0).toUpperCase() + path.slice(1);
}
