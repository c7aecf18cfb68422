import { truncateText } from './truncate';

/**
 * The characters no newsroom input may contain, in any text field of any request, command or
 * event: one rule, so that everything accepted can be carried by every output — XML 1.0 (RSS,
 * Atom, sitemaps), JSON, HTML, e-mail headers and PostgreSQL's `jsonb` and `text`.
 *
 * Refused:
 * - C0 controls U+0000–U+001F except TAB, LF and CR. XML 1.0 cannot carry them at all (a single
 *   U+000B makes a whole feed ill-formed for every reader), and PostgreSQL refuses U+0000.
 * - DEL U+007F and the C1 controls U+0080–U+009F. XML allows them but HTML calls them errors;
 *   in newsroom text they are always mojibake from a wrong encoding, never meant.
 * - Lone surrogates (U+D800–U+DFFF outside a pair): not text at all; UTF-8 cannot encode them
 *   and PostgreSQL refuses them (`\ud83d`).
 * - Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
 *   U+1FFFE … U+10FFFF). Unicode reserves them for internal use; XML forbids U+FFFE/U+FFFF.
 *
 * Everything else is text and is accepted, including format characters (zero-width joiners
 * in emoji, right-to-left marks in Arabic and Hebrew datelines) and private-use characters.
 */
const PLANE_NONCHARACTERS = Array.from({ length: 17 }, (_, plane) => `\\u{${(plane * 0x10000 + 0xfffe).toString(16)}}\\u{${(plane * 0x10000 + 0xffff).toString(16)}}`).join('');

export const UNSUPPORTED_CHARACTER = new RegExp(
  `[\\u{0}-\\u{8}\\u{B}\\u{C}\\u{E}-\\u{1F}\\u{7F}-\\u{9F}\\u{D800}-\\u{DFFF}\\u{FDD0}-\\u{FDEF}${PLANE_NONCHARACTERS}]`,
  'u',
);

/** Where a text holds a character the rule above refuses, and which (as `U+000B`). */
export interface UnsupportedCharacter {
  /** Offset in UTF-16 code units, as JavaScript indexes strings. */
  index: number;
  codePoint: string;
}

/** The first refused character of `text`, or undefined when the text is fine. */
export function findUnsupportedCharacter(text: string): UnsupportedCharacter | undefined {
  const match = UNSUPPORTED_CHARACTER.exec(text);
  if (!match) return undefined;
  return { index: match.index, codePoint: codePointName(match[0].codePointAt(0) ?? 0) };
}

export function hasUnsupportedCharacter(text: string): boolean {
  return UNSUPPORTED_CHARACTER.test(text);
}

/**
 * `text` with every character the rule refuses replaced by U+FFFD (the replacement character),
 * for text the newsroom does not choose but must store or pass on: a push service's or an SMTP
 * server's answer, an error message. Input is refused instead; this is for what is not input.
 */
export function replaceUnsupportedCharacters(text: string): string {
  return text.replace(UNSUPPORTED_GLOBAL, '\uFFFD');
}

/**
 * Typed or pasted text with the characters the rule refuses taken out, for an editor to clean
 * what a word processor or a web page put on the clipboard before it is sent and refused: a
 * vertical tab or form feed (Word's line and page breaks) becomes a space, every other refused
 * character (a bell, a stray control code) is dropped.
 */
export function withoutUnsupportedCharacters(text: string): string {
  return text.replace(/[\v\f]/g, ' ').replace(UNSUPPORTED_GLOBAL, '');
}

/**
 * Words the newsroom did not write but keeps — a push service's or SMTP server's answer, a
 * broker's error: refused characters replaced (replaceUnsupportedCharacters) and the text cut
 * between characters to at most `maxLength` code units (truncateText), so storing it cannot fail.
 */
export function storableText(text: string, maxLength: number): string {
  return truncateText(replaceUnsupportedCharacters(text), maxLength);
}

/** `U+000B`, `U+1FFFE`. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What `findUnsupportedText` found in a structured input. */
export type UnsupportedTextIssue =
  /** A string (or an object key) at `path` holds a refused character. */
  | { kind: 'character'; path: string; codePoint: string }
  /** Objects and arrays nest deeper than allowed at `path`. */
  | { kind: 'depth'; path: string; maxDepth: number };

/**
 * How deep a request body, query or event may nest. The deepest newsroom shape (an event
 * carrying an article: envelope → data → article → body → block → field) is 6 levels; 32
 * leaves room for growth and stops a body nested 10,000 deep before validation recurses into it.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Looks at every string and every object key of a parsed JSON value (a request body, a query,
 * a consumed event) and reports the first that breaks the rule above, with its dotted path
 * (`body.3.text`, `tags.0`), or the first place nested deeper than `maxDepth`. Iterative, so a
 * hostile nesting depth cannot exhaust the stack.
 */
export function findUnsupportedText(value: unknown, options: { maxDepth?: number; root?: string } = {}): UnsupportedTextIssue | undefined {
  const maxDepth = options.maxDepth ?? MAX_INPUT_DEPTH;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: options.root ?? '', depth: 0 }];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const found = findUnsupportedCharacter(current);
      if (found) return { kind: 'character', path, codePoint: found.codePoint };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return { kind: 'depth', path, maxDepth };
    const entries: Array<[string, unknown]> = Array.isArray(current) ? current.map((item, index) => [String(index), item]) : Object.entries(current);
    // Pushed in reverse, so the first field is looked at (and reported) first.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i];
      const found = findUnsupportedCharacter(key);
      if (found) return { kind: 'character', path: join(path, key.replace(UNSUPPORTED_GLOBAL, '?')), codePoint: found.codePoint };
      stack.push({ value: item, path: join(path, key), depth: depth + 1 });
    }
  }
  return undefined;
}

const UNSUPPORTED_GLOBAL = new RegExp(UNSUPPORTED_CHARACTER.source, 'gu');

/** A sentence for error messages and dead-letter reasons. */
export function describeUnsupportedText(issue: UnsupportedTextIssue): string {
  const where = issue.path || 'the input';
  return issue.kind === 'character'
    ? `${where} contains ${issue.codePoint}, a character the newsroom does not accept (control characters other than tab and line breaks, lone surrogates, noncharacters)`
    : `${where} nests objects or arrays deeper than ${issue.maxDepth} levels`;
}
