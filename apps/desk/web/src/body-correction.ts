import type { ArticleBlock } from '@newsroom/contracts';
import { blockName, fieldWord } from './block-words';

/** One piece of body text a correction form offers: a block's text, a quote's attribution, a list's item, a picture's caption… */
export interface CorrectableText {
  /** `${block index}.${field}` (`${block index}.items.${item index}` for a list's item): where the text sits in the body. */
  key: string;
  /** What the editor reads: "Paragraph 3", "Quote 4, attribution", "List 5, item 2", "Picture 6, caption" (numbered from 1, as the review diff does). */
  label: string;
  value: string;
  /** Lines to show for it: a paragraph's worth, or one for a subheading or an attribution. */
  rows: number;
}

/**
 * What an emptied field does: `removes-block` takes its block out (how a correction drops a
 * paragraph), `drops-field` takes the optional field away (a caption no longer wanted), and
 * `sent` sends it empty for the service to refuse with its reason (a picture's alt text, a
 * related story's headline: required, so emptying them cannot be what the editor meant).
 */
type WhenEmptied = 'removes-block' | 'drops-field' | 'sent';

/** A field of a block that holds words, as the form offers it (named by fieldWord, after its block: "Picture 2, caption"). */
interface WordsField {
  field: string;
  rows: number;
  emptied: WhenEmptied;
}

/**
 * Every field of a block that holds words, by block type, in the order the form shows them; a
 * list's items are offered one by one besides. Addresses (a picture's, an embed's, a related
 * story's), the pictures themselves and the story's shape are not words: they stay the reporter's.
 * A block's `text` is its main words, offered under the block's name alone ("Paragraph 1").
 */
const WORD_FIELDS: Record<ArticleBlock['type'], WordsField[]> = {
  paragraph: [{ field: 'text', rows: 3, emptied: 'removes-block' }],
  subheading: [{ field: 'text', rows: 1, emptied: 'removes-block' }],
  quote: [
    { field: 'text', rows: 2, emptied: 'removes-block' },
    { field: 'attribution', rows: 1, emptied: 'drops-field' },
  ],
  list: [],
  image: [
    { field: 'alt', rows: 2, emptied: 'sent' },
    { field: 'caption', rows: 2, emptied: 'drops-field' },
    { field: 'credit', rows: 1, emptied: 'drops-field' },
  ],
  embed: [{ field: 'title', rows: 1, emptied: 'drops-field' }],
  related: [
    { field: 'headline', rows: 1, emptied: 'sent' },
    { field: 'teaser', rows: 2, emptied: 'drops-field' },
  ],
};

/**
 * The words of the body an editor may correct without a new revision, in body order: the text
 * of paragraphs, subheadings and quotes (with their attribution), each item of a list, a
 * picture's alt text, caption and credit, an embed's title, a related story's headline and
 * teaser. Addresses, the pictures themselves and the order of the blocks are left out: those are
 * a new revision's work.
 */
export function correctableTexts(body: readonly ArticleBlock[]): CorrectableText[] {
  const texts: CorrectableText[] = [];
  body.forEach((block, index) => {
    const name = `${blockName(block.type)} ${index + 1}`;
    if (block.type === 'list') {
      block.items.forEach((item, at) => texts.push({ key: `${index}.items.${at}`, label: `${name}, item ${at + 1}`, value: item, rows: 1 }));
      return;
    }
    const fields = block as unknown as Record<string, unknown>;
    for (const { field, rows } of WORD_FIELDS[block.type]) {
      const value = fields[field];
      texts.push({ key: `${index}.${field}`, label: field === 'text' ? name : `${name}, ${fieldWord(field)}`, value: typeof value === 'string' ? value : '', rows });
    }
  });
  return texts;
}

/**
 * The live body with the editor's `edits` (by `CorrectableText.key`, trimmed) in place, or
 * null when nothing differs from the live text, so that an unchanged body is not sent as a
 * change. A block whose text the editor emptied is removed: that is how a correction takes a
 * paragraph out; so is a list item emptied, and a list whose every item was. An emptied optional
 * field (an attribution, a caption) is taken away; an emptied required one (alt text, a related
 * story's headline) is sent empty, for the service to refuse with its reason (WhenEmptied).
 * Everything else in the body is kept as it is live.
 */
export function correctedBody(body: readonly ArticleBlock[], edits: ReadonlyMap<string, string>): ArticleBlock[] | null {
  let changed = false;
  const result: ArticleBlock[] = [];
  body.forEach((block, index) => {
    if (block.type === 'list') {
      const items = block.items.flatMap((item, at) => {
        const text = edits.get(`${index}.items.${at}`)?.trim() ?? item;
        if (text !== item) changed = true;
        return text === '' ? [] : [text];
      });
      if (items.length > 0) result.push({ ...block, items });
      return;
    }
    const next = { ...block } as unknown as Record<string, unknown>;
    let removed = false;
    for (const { field, emptied } of WORD_FIELDS[block.type]) {
      const was = typeof next[field] === 'string' ? (next[field] as string) : '';
      const now = edits.get(`${index}.${field}`)?.trim();
      if (now === undefined || now === was) continue;
      if (now !== '' || emptied === 'sent') next[field] = now;
      // Emptied by the editor: the block is taken out, or the field. A block that is empty live (a blank subheading) is not.
      else if (emptied === 'removes-block') removed = was.trim() !== '';
      else delete next[field];
      if (now !== '' || was.trim() !== '') changed = true;
    }
    if (removed) return;
    result.push(next as unknown as ArticleBlock);
  });
  return changed ? result : null;
}
