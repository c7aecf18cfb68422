import type { ArticleBlock } from '@newsroom/contracts';
import { correctableTexts, correctedBody } from './body-correction';
import { field, h } from './dom';

/** The words of a story an editor may change in place: its headline, standfirst and body text. */
export interface EditableText {
  headline: string;
  standfirst?: string | null;
  body: readonly ArticleBlock[];
}

/** The fields of an in-place text edit (a correction of the live story, a sub-edit in review), filled with `text`. */
export interface TextEditFields {
  /** The headline, the standfirst and, when the body has text, the body's texts under *Body text*. */
  elements: HTMLElement[];
  /**
   * What differs from `text`, as the services take it: `headline`, `standfirst` (null when
   * emptied) and `body` (whole, with pictures and embeds as they were), only those that changed.
   * An emptied headline is sent as such, for the service to refuse with its reason: dropped here,
   * the edit would go out saying the text was changed when it was not.
   */
  changes(): Record<string, unknown>;
}

/**
 * Builds the fields of an in-place text edit: the headline, the standfirst and each text of the
 * body (correctableTexts: paragraphs, subheadings, quotes and their attributions, list items).
 */
export function textEditFields(text: EditableText): TextEditFields {
  const headline = h('input', { type: 'text', name: 'headline', value: text.headline });
  const standfirst = h('textarea', { name: 'standfirst', rows: 2 });
  standfirst.value = text.standfirst ?? '';
  const texts = correctableTexts(text.body).map((piece) => {
    const control = h('textarea', { name: `body.${piece.key}`, rows: piece.rows });
    control.value = piece.value;
    return { key: piece.key, control, row: field(piece.label, control) };
  });
  return {
    elements: [
      field('Headline', headline),
      field('Standfirst', standfirst),
      ...(texts.length > 0
        ? [
            h(
              'details',
              { class: 'body-correction' },
              h('summary', {}, 'Body text'),
              h('p', { class: 'hint' }, 'Markup as in the editor: **bold**, _italic_, [label](https://…). Empty a paragraph to take it out.'),
              texts.map(({ row }) => row),
            ),
          ]
        : []),
    ],
    changes() {
      const changes: Record<string, unknown> = {};
      if (headline.value.trim() !== text.headline) changes.headline = headline.value.trim();
      if (standfirst.value.trim() !== (text.standfirst ?? '')) changes.standfirst = standfirst.value.trim() || null;
      const body = correctedBody(text.body, new Map(texts.map(({ key, control }) => [key, control.value])));
      if (body) changes.body = body;
      return changes;
    },
  };
}
