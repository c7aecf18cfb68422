/*
 * Unicode's explicit bidirectional controls (UAX #9, §2): embeddings and overrides (LRE, RLE,
 * LRO, RLO), ended by PDF; isolates (LRI, RLI, FSI), ended by PDI. A right-to-left dateline or
 * name may rightly hold them. Left open, one reorders everything after it on the same line: an
 * RLO at the end of a headline turns "| Newsroom" in the page title, or the rest of an e-mail
 * subject, back to front (the trick of spoofed file names and Trojan Source). A stray closer is
 * as bad once the text sits inside someone else's isolate: its PDI ends that isolate early.
 */
const EMBEDDING_OPENERS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const ISOLATE_OPENERS = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202C';
const PDI = '\u2069';
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * `text` with its explicit bidirectional controls balanced, so that it cannot change the
 * direction of what is written after it, or of the isolate it is placed in: every embedding,
 * override or isolate left open is closed at the end (PDF, PDI, innermost first), and every
 * closer with nothing to close is taken out (where it stands it does nothing to the text's own
 * display). Balanced controls are kept as typed. Follows UAX #9's matching: a PDI closes its
 * isolate and any embedding opened inside it; a PDF closes only an embedding opened inside the
 * current isolate. Linear in the length of `text`; text without such controls is returned as is.
 */
export function balancedBidi(text: string): string {
  if (!BIDI_CONTROL.test(text)) return text;
  const open: ('embedding' | 'isolate')[] = [];
  // Counted, so a PDI with no isolate open is dropped without searching the stack: what a PDI
  // searches it also pops, which keeps the whole pass linear.
  let isolates = 0;
  let out = '';
  for (const char of text) {
    if (EMBEDDING_OPENERS.has(char)) open.push('embedding');
    else if (ISOLATE_OPENERS.has(char)) {
      open.push('isolate');
      isolates += 1;
    } else if (char === PDF) {
      if (open.at(-1) !== 'embedding') continue;
      open.pop();
    } else if (char === PDI) {
      if (isolates === 0) continue;
      open.length = open.lastIndexOf('isolate');
      isolates -= 1;
    }
    out += char;
  }
  for (let i = open.length - 1; i >= 0; i -= 1) out += open[i] === 'isolate' ? PDI : PDF;
  return out;
}
