/**
 * Line breaks as a single-line field may receive them: LF, CR (alone or as CRLF) and Unicode's
 * LINE SEPARATOR and PARAGRAPH SEPARATOR (U+2028, U+2029; a paste from a word processor or a
 * PDF brings them). VT, FF and NEL never get this far: the newsroom's text rule refuses them.
 */
const LINE_BREAKS = /[\r\n\u2028\u2029]+/u;

/**
 * `text` trimmed and on one line: every line break, with the spaces around it, becomes one
 * space ("Harbour council\r\n  approves ban" → "Harbour council approves ban"); blank lines
 * vanish. Spaces within a line are kept as typed.
 *
 * For the fields a reader sees on one line — a headline, a byline's name, a dateline's place, an
 * alt text, a credit — where a line break can only be a paste or an API client's slip. A browser's
 * `<input type="text">` takes the same paste onto one line; here a request does too, instead of
 * being refused. Folding rather than refusing also keeps events written before the rule valid:
 * a consumer reads their text onto one line and stores that, the same each time it is delivered.
 * Linear in the length of `text`, whatever it holds (it runs before any length limit is checked).
 */
export function oneLine(text: string): string {
  if (!LINE_BREAKS.test(text)) return text.trim();
  return text
    .split(LINE_BREAKS)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
