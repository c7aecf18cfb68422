import { textDirection } from '@newsroom/contracts';
import { html, type HtmlValue, type SafeHtml } from '@newsroom/html';
import type { SiteContext } from './layout';

/**
 * Interface chrome inside an article (or a card) of another language: the interface's words
 * ("By", "Updated", "Share") keep the interface's `lang` and `dir`, so "By Layla Haddad" reads
 * left to right on an English site even inside an Arabic article, and the reverse on an Arabic
 * site. Each value the chrome labels (a name, a section, a query) is isolated with `<bdi>`
 * (HTML's bidirectional isolate, Unicode UAX #9), so its own script cannot reorder the label.
 */
export interface Chrome {
  /** ` lang="…" dir="…"` of the interface language, for the element that holds chrome. */
  attrs: SafeHtml;
  /**
   * A value the chrome labels, isolated; `language` when it is known (an article's names). Its
   * direction is left to `<bdi>` (auto: its first strong letter), since a Latin-script name may
   * stand in an Arabic story and the reverse.
   */
  value: (text: HtmlValue, language?: string) => SafeHtml;
  /** `label` in the interface language with `value` set into it where the label says (see `fill`). */
  fill: (template: (placeholder: string) => string, value: HtmlValue, language?: string) => SafeHtml;
}

/** The chrome helpers for a site. */
export function chromeOf(site: Pick<SiteContext, 'language'>): Chrome {
  const value = (text: HtmlValue, language?: string): SafeHtml =>
    language ? html`<bdi lang="${language}">${text}</bdi>` : html`<bdi>${text}</bdi>`;
  return {
    attrs: html` lang="${site.language}" dir="${textDirection(site.language)}"`,
    value,
    fill: (template, text, language) => fillLabel(template, value(text, language)),
  };
}

/** Marks where a label places its value; never part of any language's words. */
const PLACEHOLDER = '\u0000';

/**
 * A label that is a sentence around a value (`Results for “${query}”`, `Stories by ${name}`)
 * with the value set in as HTML: the label's words are escaped, the value inserted as given.
 */
export function fillLabel(template: (placeholder: string) => string, value: SafeHtml): SafeHtml {
  const [before, ...after] = template(PLACEHOLDER).split(PLACEHOLDER);
  return after.length === 0 ? html`${before}` : html`${before}${value}${after.join('')}`;
}
