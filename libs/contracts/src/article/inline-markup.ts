import type { ArticleBlock } from './article-blocks';
/**
 * The inline markup of paragraph, quote and list item text:
 *
 *   **bold**   _italic_   [label](https://example.com)
 *
 * A backslash before one of  \ * _ [ ] ( )  makes that character literal; any other backslash
 * is itself literal. Markers that are not closed stay literal text, so plain text is always
 * valid markup and the parser never fails.
 *
 * - `**` opens bold when followed by a non-space and closes when preceded by one.
 * - `_` opens italic when followed by a non-space and not preceded by a letter or digit, and
 *   closes when preceded by a non-space and not followed by a letter or digit, so
 *   `snake_case_names` and URLs in prose stay as written.
 * - A link is `[label](target)`: the label may hold bold and italic, the target runs to the
 *   matching `)` and may not contain whitespace. Links bind tighter than bold and italic.
 * - Bold inside bold, italic inside italic and links inside links are not recognised.
 *
 * The parser produces a tree, never HTML: renderers escape text themselves. Link targets are
 * NOT checked here; a `javascript:` target comes back as a link node. Renderers must only emit
 * http(s) targets, and the editorial checks flag the others (see `findInlineLinks`).
 */
export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'bold'; children: InlineNode[] }
  | { type: 'italic'; children: InlineNode[] }
  | { type: 'link'; href: string; children: InlineNode[] };

/** Characters that a backslash turns into literal text. */
export const INLINE_ESCAPABLE = ['\\', '*', '_', '[', ']', '(', ')'] as const;

export function parseInline(text: string): InlineNode[] {
  if (typeof text !== 'string' || text === '') return [];
  const parser = new InlineParser(text);
  return parser.parse(0, text.length, { bold: false, italic: false, link: false });
}

/** The text a reader sees, without markup: for feeds, emails, push messages and search. Links keep their label only. */
export function inlineToPlainText(text: string): string {
  return nodesToPlainText(parseInline(text));
}

/** Every link target in document order, duplicates included, exactly as written (after unescaping). */
export function findInlineLinks(text: string): string[] {
  const hrefs: string[] = [];
  const visit = (nodes: InlineNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'link') hrefs.push(node.href);
      if (node.type !== 'text') visit(node.children);
    }
  };
  visit(parseInline(text));
  return hrefs;
}

/** Escapes plain text so that `inlineToPlainText(escapeInline(s)) === s` for any `s`. */
export function escapeInline(text: string): string {
  return text.replace(/[\\*_[\]]/g, '\\$&');
}

function nodesToPlainText(nodes: InlineNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : nodesToPlainText(node.children))).join('');
}

interface OpenSpans {
  bold: boolean;
  italic: boolean;
  link: boolean;
}

interface LinkSpan {
  href: string;
  labelStart: number;
  labelEnd: number;
  /** Index just after the closing `)`. */
  end: number;
}

const ESCAPABLE = new Set<string>(INLINE_ESCAPABLE);
const WHITESPACE = /\s/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && WHITESPACE.test(char);
}

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && WORD_CHARACTER.test(char);
}

/**
 * Recursive descent over index ranges of the source. Nesting depth is at most three (each of
 * bold, italic and link opens once per path), so recursion cannot run away; bracket pairs are
 * matched once up front and failed closer searches are remembered, which keeps long
 * unbalanced input close to linear.
 */
class InlineParser {
  private readonly closingBracket = new Map<number, number>();
  private readonly closingParen = new Map<number, number>();
  /** `${marker}|${rangeEnd}|${flags}` → the lowest start from which no closer exists. */
  private readonly noCloserFrom = new Map<string, number>();

  constructor(private readonly src: string) {
    this.matchPairs();
  }

  parse(start: number, end: number, open: OpenSpans): InlineNode[] {
    const { src } = this;
    const nodes: InlineNode[] = [];
    let pending = '';
    const flush = (): void => {
      if (pending !== '') nodes.push({ type: 'text', text: pending });
      pending = '';
    };

    let i = start;
    while (i < end) {
      const char = src[i];
      if (this.isEscape(i, end)) {
        pending += src[i + 1];
        i += 2;
        continue;
      }
      if (char === '[' && !open.link) {
        const link = this.linkAt(i, end);
        if (link) {
          flush();
          nodes.push({ type: 'link', href: link.href, children: this.parse(link.labelStart, link.labelEnd, { ...open, link: true }) });
          i = link.end;
          continue;
        }
      }
      if (char === '*' && src[i + 1] === '*' && i + 1 < end) {
        const close = open.bold || !this.canOpenBold(i) ? undefined : this.findCloser('**', i + 2, end, open);
        if (close !== undefined && close > i + 2) {
          flush();
          nodes.push({ type: 'bold', children: this.parse(i + 2, close, { ...open, bold: true }) });
          i = close + 2;
        } else {
          pending += '**';
          i += 2;
        }
        continue;
      }
      if (char === '_' && !open.italic && this.canOpenItalic(i)) {
        const close = this.findCloser('_', i + 1, end, open);
        if (close !== undefined && close > i + 1) {
          flush();
          nodes.push({ type: 'italic', children: this.parse(i + 1, close, { ...open, italic: true }) });
          i = close + 1;
          continue;
        }
      }
      pending += char;
      i += 1;
    }
    flush();
    return nodes;
  }

  private isEscape(i: number, end: number): boolean {
    return this.src[i] === '\\' && i + 1 < end && ESCAPABLE.has(this.src[i + 1]);
  }

  private canOpenBold(i: number): boolean {
    const next = this.src[i + 2];
    return next !== undefined && !isWhitespace(next);
  }

  private canOpenItalic(i: number): boolean {
    const next = this.src[i + 1];
    return next !== undefined && !isWhitespace(next) && !isWordCharacter(this.src[i - 1]);
  }

  private canClose(marker: '**' | '_', at: number): boolean {
    if (!this.src.startsWith(marker, at) || isWhitespace(this.src[at - 1])) return false;
    return marker === '**' || !isWordCharacter(this.src[at + 1]);
  }

  /** The index of the marker that closes a span whose content starts at `from`, within `[from, end)`. */
  private findCloser(marker: '**' | '_', from: number, end: number, open: OpenSpans): number | undefined {
    const key = `${marker}|${end}|${open.bold}${open.italic}${open.link}`;
    const knownMiss = this.noCloserFrom.get(key);
    if (knownMiss !== undefined && from >= knownMiss) return undefined;

    let p = from;
    while (p + marker.length <= end) {
      if (this.isEscape(p, end)) {
        p += 2;
        continue;
      }
      if (this.src[p] === '[' && !open.link) {
        const link = this.linkAt(p, end);
        if (link) {
          p = link.end;
          continue;
        }
      }
      if (this.canClose(marker, p)) return p;
      p += 1;
    }
    this.noCloserFrom.set(key, Math.min(from, knownMiss ?? from));
    return undefined;
  }

  /** A complete `[label](target)` starting at `start` and ending within `end`, if there is one. */
  private linkAt(start: number, end: number): LinkSpan | undefined {
    const labelClose = this.closingBracket.get(start);
    if (labelClose === undefined || labelClose === start + 1 || this.src[labelClose + 1] !== '(') return undefined;
    const targetClose = this.closingParen.get(labelClose + 1);
    if (targetClose === undefined || targetClose >= end) return undefined;
    const rawTarget = this.src.slice(labelClose + 2, targetClose);
    if (rawTarget === '' || WHITESPACE.test(rawTarget)) return undefined;
    return { href: unescapeTarget(rawTarget), labelStart: start + 1, labelEnd: labelClose, end: targetClose + 1 };
  }

  /** Pairs every unescaped `[` with its `]` and `(` with its `)`, allowing balanced nesting. */
  private matchPairs(): void {
    const brackets: number[] = [];
    const parens: number[] = [];
    const { src } = this;
    for (let i = 0; i < src.length; i += 1) {
      if (this.isEscape(i, src.length)) {
        i += 1;
        continue;
      }
      const char = src[i];
      if (char === '[') brackets.push(i);
      else if (char === '(') parens.push(i);
      else if (char === ']') this.pairWith(brackets.pop(), i, this.closingBracket);
      else if (char === ')') this.pairWith(parens.pop(), i, this.closingParen);
    }
  }

  private pairWith(opening: number | undefined, closing: number, pairs: Map<number, number>): void {
    if (opening !== undefined) pairs.set(opening, closing);
  }
}

function unescapeTarget(raw: string): string {
  return raw.replace(/\\([\\*_[\]()])/g, '$1');
}

/**
 * The texts of `block` written in inline markup (libs/contracts' inline-markup.ts), each with its
 * path inside the block: a paragraph's and a quote's `text`, each of a list's `items`. The one
 * place that says which fields hold markup, for the link checks and the search index.
 */
export function inlineTextsOf(block: ArticleBlock): { path: string; text: string }[] {
  switch (block.type) {
    case 'paragraph':
    case 'quote':
      return [{ path: 'text', text: block.text }];
    case 'list':
      return block.items.map((text, item) => ({ path: `items.${item}`, text }));
    // Plain text or addresses only: a subheading, a caption or a teaser is shown as written.
    case 'subheading':
    case 'image':
    case 'embed':
    case 'related':
      return [];
  }
}
