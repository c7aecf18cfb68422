import type { ArticleBlock, ImageRendition } from '@newsroom/contracts';
import { escapeInline, parseInline, type InlineNode } from '@newsroom/contracts/inline-markup';

/**
 * The article body (libs/contracts' block model) as a TipTap/ProseMirror document, and back.
 * Pure data in, pure data out: no DOM, no editor, so both directions are unit-tested and the
 * editor only ever sees documents made here.
 *
 *   paragraph {text}                  ↔ paragraph, inline markup as bold/italic/link marks
 *   subheading {text}                 ↔ heading level 2, plain text
 *   quote {text, attribution?}        ↔ quote > quoteText (marks) + quoteAttribution (plain)
 *   list {style, items}               ↔ bulletList or orderedList > listItem > paragraph, one per item
 *   image {url, alt, caption?, …}     ↔ image (atom; every field an attribute)
 *   embed {url, provider?, title?}    ↔ embed (atom)
 *   related {url, headline, …}        ↔ related (atom)
 *
 * Optional fields that are absent become `null` attributes and come back absent, so
 * `docToBlocks(blocksToDoc(body))` gives `body` again for text in canonical markup (the
 * example article's is). Text that is not canonical (`snake_case` written without escapes,
 * say) comes back with the same meaning in canonical form.
 */

/** A ProseMirror document node as JSON; the shape of TipTap's `JSONContent`. */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: DocMark[];
  text?: string;
}

export interface DocMark {
  type: 'bold' | 'italic' | 'link';
  attrs?: Record<string, unknown>;
}

/** The node names of the schema (schema.ts defines them; this module only names them). */
export const NODE = {
  paragraph: 'paragraph',
  subheading: 'heading',
  quote: 'quote',
  quoteText: 'quoteText',
  quoteAttribution: 'quoteAttribution',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  image: 'image',
  embed: 'embed',
  related: 'related',
} as const;

/** The level the subheading uses among TipTap's headings: the headline is the page's h1. */
export const SUBHEADING_LEVEL = 2;

export function blocksToDoc(body: readonly ArticleBlock[]): DocNode {
  const content = body.map(blockToNode);
  return { type: 'doc', content: content.length > 0 ? content : [{ type: NODE.paragraph }] };
}

export function docToBlocks(doc: DocNode): ArticleBlock[] {
  return (doc.content ?? []).flatMap((node) => nodeToBlocks(node));
}

function blockToNode(block: ArticleBlock): DocNode {
  switch (block.type) {
    case 'paragraph':
      return withContent({ type: NODE.paragraph }, inlineToDoc(block.text));
    case 'subheading':
      return withContent({ type: NODE.subheading, attrs: { level: SUBHEADING_LEVEL } }, plainText(block.text));
    case 'quote':
      return {
        type: NODE.quote,
        content: [withContent({ type: NODE.quoteText }, inlineToDoc(block.text)), withContent({ type: NODE.quoteAttribution }, plainText(block.attribution ?? ''))],
      };
    case 'list':
      return {
        type: block.style === 'numbered' ? NODE.orderedList : NODE.bulletList,
        content: block.items.map((item) => ({ type: NODE.listItem, content: [withContent({ type: NODE.paragraph }, inlineToDoc(item))] })),
      };
    case 'image':
    case 'embed':
    case 'related':
      return atomToNode(block);
  }
}

function nodeToBlocks(node: DocNode): ArticleBlock[] {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case NODE.paragraph: {
      const text = docToInline(node.content ?? []);
      // ProseMirror keeps an empty paragraph where the cursor can rest (after an image, at
      // the end); the block model has no empty paragraphs, so they are not blocks.
      return text.trim() === '' ? [] : [{ type: 'paragraph', text }];
    }
    case NODE.subheading:
      return [{ type: 'subheading', text: textOf(node.content ?? []) }];
    case NODE.quote: {
      const parts = node.content ?? [];
      const text = docToInline(parts.find((part) => part.type === NODE.quoteText)?.content ?? []);
      const attribution = textOf(parts.find((part) => part.type === NODE.quoteAttribution)?.content ?? []);
      return [attribution.trim() === '' ? { type: 'quote', text } : { type: 'quote', text, attribution }];
    }
    case NODE.bulletList:
    case NODE.orderedList: {
      // An item left empty (Enter at the end of the list) is not an item; a list of none is no block.
      const items = (node.content ?? []).map(itemText).filter((item) => item.trim() !== '');
      return items.length === 0 ? [] : [{ type: 'list', style: node.type === NODE.orderedList ? 'numbered' : 'bulleted', items }];
    }
    case NODE.image:
    case NODE.embed:
    case NODE.related:
      return [nodeToAtom(node.type, attrs)];
    default:
      // A node the block model has no place for (pasted content the schema let through):
      // its text is kept as a paragraph rather than dropped.
      return nodeToBlocks({ type: NODE.paragraph, content: [{ type: 'text', text: textOf(node.content ?? []) }] });
  }
}

/** A list item's words in inline markup: its paragraph's, or (a nested list the schema let through) all of its text. */
function itemText(item: DocNode): string {
  const parts = item.content ?? [];
  return parts.every((part) => part.type === NODE.paragraph) ? parts.map((part) => docToInline(part.content ?? [])).join(' ') : escapeInline(textOf(parts));
}

// ---- inline markup ↔ text nodes with marks ----

/** Paragraph or quote markup as ProseMirror text nodes, one per run of equal marks. */
export function inlineToDoc(markup: string): DocNode[] {
  const out: DocNode[] = [];
  const walk = (nodes: InlineNode[], marks: DocMark[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') out.push(marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
      else if (node.type === 'link') walk(node.children, [...marks, { type: 'link', attrs: { href: node.href } }]);
      else walk(node.children, [...marks, { type: node.type }]);
    }
  };
  walk(parseInline(markup), []);
  return out;
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  href: string | undefined;
}

/**
 * Text nodes as the contracts' inline markup. Links are written outermost (a label may hold
 * bold and italic, not the other way round); within a stretch, the emphasis that runs longest
 * from its start opens first, so `_x **y**_` and `**a _b_**` both come back as written.
 */
export function docToInline(nodes: readonly DocNode[]): string {
  const runs: Run[] = nodes
    .filter((node) => node.type === 'text' && node.text)
    .map((node) => ({
      text: node.text ?? '',
      bold: hasMark(node, 'bold'),
      italic: hasMark(node, 'italic'),
      href: node.marks?.find((mark) => mark.type === 'link')?.attrs?.href as string | undefined,
    }));
  let out = '';
  for (let i = 0; i < runs.length; ) {
    const href = runs[i].href;
    let j = i + 1;
    while (j < runs.length && runs[j].href === href) j += 1;
    const inner = emphasis(runs.slice(i, j));
    out += href === undefined ? inner : `[${inner}](${href.replace(/[\\()[\]]/g, '\\$&')})`;
    i = j;
  }
  return out;
}

function emphasis(runs: Run[]): string {
  let out = '';
  for (let i = 0; i < runs.length; ) {
    const run = runs[i];
    if (!run.bold && !run.italic) {
      out += escapeInline(run.text);
      i += 1;
      continue;
    }
    const span = (mark: 'bold' | 'italic'): number => {
      let j = i;
      while (j < runs.length && runs[j][mark]) j += 1;
      return j;
    };
    const mark: 'bold' | 'italic' = run.bold && (!run.italic || span('bold') >= span('italic')) ? 'bold' : 'italic';
    const end = span(mark);
    const inner = emphasis(runs.slice(i, end).map((r) => ({ ...r, [mark]: false })));
    out += wrap(inner, mark === 'bold' ? '**' : '_');
    i = end;
  }
  return out;
}

/** Markers must touch non-space characters to count, so surrounding spaces go outside them. */
function wrap(inner: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead, core, trail] = match ?? ['', '', inner, ''];
  return core === '' ? inner : `${lead}${marker}${core}${marker}${trail}`;
}

function hasMark(node: DocNode, type: DocMark['type']): boolean {
  return node.marks?.some((mark) => mark.type === type) ?? false;
}

function plainText(text: string): DocNode[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

function textOf(nodes: readonly DocNode[]): string {
  return nodes.map((node) => node.text ?? textOf(node.content ?? [])).join('');
}

function withContent(node: DocNode, content: DocNode[]): DocNode {
  return content.length > 0 ? { ...node, content } : node;
}

// ---- atom blocks ↔ atom nodes: every field an attribute ----

type AtomBlock = Extract<ArticleBlock, { type: 'image' | 'embed' | 'related' }>;

/** How a field is kept in an attribute: required text, optional text or number, or the image's renditions. */
type FieldKind = 'text' | 'optionalText' | 'optionalNumber' | 'renditions';

/**
 * The fields of each atom block, read the same way in both directions: a field added to a
 * block in libs/contracts is added here once. An absent optional field is a `null` attribute.
 */
const ATOM_FIELDS: { [T in AtomBlock['type']]: Record<Exclude<keyof Extract<AtomBlock, { type: T }>, 'type'>, FieldKind> } = {
  image: { url: 'text', alt: 'text', caption: 'optionalText', credit: 'optionalText', width: 'optionalNumber', height: 'optionalNumber', renditions: 'renditions' },
  embed: { url: 'text', provider: 'optionalText', title: 'optionalText' },
  related: { url: 'text', headline: 'text', teaser: 'optionalText', publishedAt: 'optionalText' },
};

/** The node of an atom block: the block types and node names are the same. */
function atomToNode(block: AtomBlock): DocNode {
  const fields = block as unknown as Record<string, unknown>;
  const attrs = Object.fromEntries(
    Object.entries(ATOM_FIELDS[block.type]).map(([field, kind]) => {
      const value = fields[field];
      return [field, kind === 'renditions' && Array.isArray(value) ? (value as ImageRendition[]).map((r) => ({ ...r })) : (value ?? null)];
    }),
  );
  return { type: NODE[block.type], attrs };
}

/** The block of an atom node; attributes a pasted node lacks become empty text or absent fields. */
function nodeToAtom(type: AtomBlock['type'], attrs: Record<string, unknown>): AtomBlock {
  const read = (kind: FieldKind, value: unknown): unknown => {
    switch (kind) {
      case 'text':
        return String(value ?? '');
      case 'optionalText':
        return optionalString(value);
      case 'optionalNumber':
        return optionalNumber(value);
      case 'renditions':
        return Array.isArray(value) ? (value as ImageRendition[]).map((r) => ({ ...r })) : undefined;
    }
  };
  const fields = Object.entries(ATOM_FIELDS[type]).map(([field, kind]) => [field, read(kind, attrs[field])]);
  return compact({ type, ...Object.fromEntries(fields) }) as AtomBlock;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Drops the keys whose value is undefined, so absent optional fields stay absent. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
