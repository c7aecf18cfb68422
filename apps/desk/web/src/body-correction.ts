import type { ArticleBlock } from '@newsroom/contracts';

/** One piece of body text a correction form offers: a block's text, a quote's attribution or a list's item. */
export interface CorrectableText {
  /** `${block index}.${field}` (`${block index}.items.${item index}` for a list's item): where the text sits in the body. */
  key: string;
  /** What the editor reads: "Paragraph 3", "Quote 4, attribution", "List 5, item 2" (numbered from 1, as the review diff does). */
  label: string;
  value: string;
  /** Lines to show for it: a paragraph's worth, or one for a subheading or an attribution. */
  rows: number;
}

const TEXT_BLOCKS: Record<string, { label: string; rows: number }> = {
  paragraph: { label: 'Paragraph', rows: 3 },
  subheading: { label: 'Subheading', rows: 1 },
  quote: { label: 'Quote', rows: 2 },
};

/**
 * The text of the body an editor may correct without a new revision: paragraphs,
 * subheadings, quotes (with their attribution) and each item of a list, in body order.
 * Pictures, embeds and related links are left out: correcting those is a new revision's work.
 */
export function correctableTexts(body: readonly ArticleBlock[]): CorrectableText[] {
  const texts: CorrectableText[] = [];
  body.forEach((block, index) => {
    if (block.type === 'list') {
      block.items.forEach((item, at) => texts.push({ key: `${index}.items.${at}`, label: `List ${index + 1}, item ${at + 1}`, value: item, rows: 1 }));
      return;
    }
    const kind = TEXT_BLOCKS[block.type];
    if (!kind || !('text' in block)) return;
    texts.push({ key: `${index}.text`, label: `${kind.label} ${index + 1}`, value: block.text, rows: kind.rows });
    if (block.type === 'quote') texts.push({ key: `${index}.attribution`, label: `${kind.label} ${index + 1}, attribution`, value: block.attribution ?? '', rows: 1 });
  });
  return texts;
}

/**
 * The live body with the editor's `edits` (by `CorrectableText.key`, trimmed) in place, or
 * null when nothing differs from the live text, so that an unchanged body is not sent as a
 * change. A block whose text the editor emptied is removed: that is how a correction takes a
 * paragraph out; so is a list item emptied, and a list whose every item was. Everything else in
 * the body is kept as it is live.
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
    const text = edits.get(`${index}.text`)?.trim();
    // Emptied by the editor: taken out. A block that is empty live (a blank subheading) is not.
    if (text === '' && 'text' in block && block.text.trim() !== '') {
      changed = true;
      return;
    }
    const next = { ...block } as ArticleBlock & { text?: string; attribution?: string };
    if (text !== undefined && 'text' in block && text !== block.text) {
      next.text = text;
      changed = true;
    }
    const attribution = edits.get(`${index}.attribution`)?.trim();
    if (attribution !== undefined && block.type === 'quote' && attribution !== (block.attribution ?? '')) {
      // An emptied attribution is taken away, not sent blank (the checks then say a quote needs one).
      if (attribution === '') delete next.attribution;
      else next.attribution = attribution;
      changed = true;
    }
    result.push(next);
  });
  return changed ? result : null;
}
