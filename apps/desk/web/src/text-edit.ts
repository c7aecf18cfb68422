import type { ArticleBlock } from '@newsroom/contracts';
import { correctedBylines } from '@newsroom/contracts/bylines';
import { ApiError, describeError, type SiteSection } from './api';
import { correctableTexts, correctedBody } from './body-correction';
import { field, h } from './dom';
import { sectionSelect, tagsAsWritten, tagsField, tagsInput, tagsOf } from './filing-fields';
import { plainValidationWords } from './refusals';

/**
 * The words of a story an editor may change in place: its headline, standfirst and body text,
 * and its credits — the dateline and the bylines — when `bylines` is given.
 */
export interface EditableText {
  headline: string;
  standfirst?: string | null;
  body: readonly ArticleBlock[];
  dateline?: { place: string; date: string } | null;
  bylines?: readonly { name: string; id?: string }[];
}

/** The fields of an in-place text edit (a correction of the live story, a sub-edit in review), filled with `text`. */
export interface TextEditFields {
  /** The headline, the standfirst, the credits when offered and, when the body has text, the body's texts under *Body text*. */
  elements: HTMLElement[];
  /**
   * What differs from `text`, as the services take it: `headline`, `standfirst` (null when
   * emptied), `dateline` (null when both its fields are emptied), `bylines` (the whole list,
   * each name that stays with its account) and `body` (whole, with the pictures, the addresses
   * and the order of the blocks as they were), only those that changed. An emptied headline, a
   * dateline with one field emptied or no byline left is sent as such, for the service to refuse
   * with its reason: dropped here, the edit would go out saying the text was changed when it was not.
   */
  changes(): Record<string, unknown>;
}

/**
 * Builds the fields of an in-place text edit: the headline, the standfirst and each text of the
 * body (correctableTexts: paragraphs, subheadings, quotes and their attributions, list items,
 * pictures' alt text, captions and credits, embeds' titles, related stories' headlines and teasers).
 */
export function textEditFields(text: EditableText): TextEditFields {
  const headline = h('input', { type: 'text', name: 'headline', value: text.headline });
  const standfirst = h('textarea', { name: 'standfirst', rows: 2 });
  standfirst.value = text.standfirst ?? '';
  const credits = text.bylines ? creditFields(text.dateline ?? null, text.bylines) : null;
  const texts = correctableTexts(text.body).map((piece) => {
    const control = h('textarea', { name: `body.${piece.key}`, rows: piece.rows });
    control.value = piece.value;
    return { key: piece.key, control, row: field(piece.label, control) };
  });
  return {
    elements: [
      field('Headline', headline),
      field('Standfirst', standfirst),
      ...(credits?.elements ?? []),
      ...(texts.length > 0
        ? [
            h(
              'details',
              { class: 'body-correction' },
              h('summary', {}, 'Body text'),
              h('p', { class: 'hint' }, 'Markup as in the editor: **bold**, _italic_, [label](https://…); captions, credits, alt text, titles and teasers are plain text. Empty a paragraph to take it out.'),
              texts.map(({ row }) => row),
            ),
          ]
        : []),
    ],
    changes() {
      const changes: Record<string, unknown> = {};
      if (headline.value.trim() !== text.headline) changes.headline = headline.value.trim();
      if (standfirst.value.trim() !== (text.standfirst ?? '')) changes.standfirst = standfirst.value.trim() || null;
      Object.assign(changes, credits?.changes());
      const body = correctedBody(text.body, new Map(texts.map(({ key, control }) => [key, control.value])));
      if (body) changes.body = body;
      return changes;
    },
  };
}

/**
 * A refusal of an in-place edit (a correction, a sub-edit) in the words of its form. The services
 * name what they refuse by its path in the article, counted from 0 (`changes.body.8.alt must be
 * longer than or equal to 1 characters`); the form labels that field "Picture 9, alt text", so
 * the refusal does too ("“Picture 9, alt text” must not be empty"). Anything else is said as
 * describeError says it.
 */
export function editRefusalInWords(error: unknown, body: readonly ArticleBlock[]): string {
  const said = describeError(error);
  if (!(error instanceof ApiError) || error.status !== 400) return said;
  const labels = new Map(correctableTexts(body).map((piece) => [piece.key, piece.label]));
  return plainValidationWords(said).replace(/\b(?:changes\.)?body\.(\d+)((?:\.\w+)*)/g, (_path: string, index: string, rest: string) => {
    const label = labels.get(`${index}${rest}`) ?? `Block ${Number(index) + 1}${rest ? ` (${rest.slice(1)})` : ''}`;
    return `“${label}”`;
  });
}

/**
 * The credits of a story: its dateline (place and date) and its bylines, comma-separated as in
 * the story editor. Each person keeps their account as a correction carried elsewhere would
 * (correctedBylines in libs/contracts): a name that stays keeps it wherever it moved, a name
 * respelled in its place keeps it ("Daniel Achbe" → "Daniel Achebe"), anyone else has none.
 */
function creditFields(dateline: { place: string; date: string } | null, bylines: readonly { name: string; id?: string }[]): TextEditFields {
  const place = h('input', { type: 'text', name: 'dateline-place', value: dateline?.place ?? '' });
  const date = h('input', { type: 'date', name: 'dateline-date', value: dateline?.date ?? '' });
  const names = h('input', { type: 'text', name: 'bylines', value: bylines.map((byline) => byline.name).join(', ') });
  return {
    elements: [
      h('fieldset', { class: 'inline-fields' }, h('legend', {}, 'Dateline'), field('Place', place), field('Date', date)),
      field('Bylines', names, 'Comma-separated names'),
    ],
    changes() {
      const changes: Record<string, unknown> = {};
      const now = { place: place.value.trim(), date: date.value };
      if (now.place === '' && now.date === '') {
        if (dateline) changes.dateline = null;
      } else if (now.place !== dateline?.place || now.date !== dateline?.date) changes.dateline = now;
      const typed = names.value.split(',').map((name) => name.trim()).filter(Boolean);
      if (typed.join('\n') !== bylines.map((byline) => byline.name).join('\n')) {
        changes.bylines = correctedBylines(typed, bylines);
      }
      return changes;
    },
  };
}

/** Where a story is filed: its section and its tags, which place it on the site and decide who is alerted. */
export interface Filing {
  section: string;
  tags?: readonly string[] | null;
  tagLabels?: Readonly<Record<string, string>> | null;
}

/**
 * The filing fields of a sub-edit: the section, from the site's managed list (`sections`; a
 * retired one the story is filed under stays, marked), and the tags in the words they were typed
 * as. `changes()` says `section`, and `tags` with `tagLabels` (the whole list; empty, and null,
 * when all were taken out), only when they read differently from `filing`, as `textEditFields`
 * does for the words.
 */
export function filingEditFields(filing: Filing, sections: readonly SiteSection[]): TextEditFields {
  const section = sectionSelect(sections, filing.section);
  const before = tagsAsWritten(filing.tags ?? [], filing.tagLabels ?? undefined);
  const tags = tagsInput(filing.tags ?? [], filing.tagLabels ?? undefined);
  return {
    elements: [h('div', { class: 'inline-fields' }, field('Section', section), tagsField(tags))],
    changes() {
      const changes: Record<string, unknown> = {};
      if (section.value !== filing.section) changes.section = section.value;
      const after = tagsOf(tags);
      if (tagsAsWritten(after.tags, after.tagLabels) !== before) {
        changes.tags = after.tags;
        changes.tagLabels = Object.keys(after.tagLabels).length > 0 ? after.tagLabels : null;
      }
      return changes;
    },
  };
}
