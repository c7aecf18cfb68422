/**
 * The few DOM helpers the screens share. No framework: each screen builds its elements with
 * `h()` and replaces its own region when data changes. Text always goes in as text nodes,
 * never as markup, so nothing a user or a service sends can become HTML.
 */
import { hasVisibleText } from '@newsroom/contracts/visible-text';

type Child = Node | string | number | false | null | undefined | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else if (key === 'checked' && element instanceof HTMLInputElement) element.checked = element.defaultChecked = Boolean(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/**
 * A table of records (`table.list`) made readable on a phone: every cell but the first (the
 * record's own title) gets its column's header as `data-label`. Below 720 px the rows stack into
 * blocks, the header row no longer stands above them, and the stylesheet shows that label
 * before each value ("p50: 2.4 s" rather than a bare "2.4 s"). Columns without a header (a
 * button's) get none. Returns the table, to wrap where it is built.
 */
export function labelColumns(table: HTMLTableElement): HTMLTableElement {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
  for (const row of table.querySelectorAll('tbody tr')) {
    [...row.children].forEach((cell, column) => {
      if (column > 0 && headers[column]) cell.setAttribute('data-label', headers[column]);
    });
  }
  return table;
}

/** Replaces what `parent` shows. */
export function show(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let uniqueIds = 0;
/** An id for pairing a label with its control. */
export function uid(prefix: string): string {
  uniqueIds += 1;
  return `${prefix}-${uniqueIds}`;
}

/** A labelled form control: `<label for>` plus the control, with an optional hint tied by aria-describedby. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid('field');
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

/**
 * Refuses, beside the field, a note, reason or comment that shows nothing (spaces or invisible
 * characters alone: the services' rule for text a person must write, hasVisibleText), the way
 * the browser refuses an empty one, before anything is sent. Call it first in the form's submit
 * handler (the browser has checked `required` by then); true when it refused. Typing clears it.
 */
export function refusedAsBlank(area: HTMLTextAreaElement | HTMLInputElement): boolean {
  if (hasVisibleText(area.value)) return false;
  area.setCustomValidity('Write some words: spaces or invisible characters alone say nothing.');
  area.addEventListener('input', () => area.setCustomValidity(''), { once: true });
  area.reportValidity();
  return true;
}

export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h('button', { type: 'button', ...attrs, onclick: () => onClick() }, label);
}

/**
 * Runs `action` one at a time from `control` (a button, or a form's submit button): the control
 * is disabled until the action settles, so a double click sends one request, not a second one
 * whose refusal would be shown over the first one's success.
 */
export function oneAtATime(control: HTMLButtonElement | null, action: () => Promise<unknown>): void {
  if (control?.disabled) return;
  if (control) control.disabled = true;
  void action().finally(() => {
    if (control) control.disabled = false;
  });
}

/** A message region announced to screen readers (role=status, or alert for errors). */
export function notice(kind: 'info' | 'error' | 'success', text: string): HTMLElement {
  return h('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/**
 * Shows `shown` (a notice; then `after`) in `container` and moves the focus to it. For what an action came
 * to when the action redraws the part of the screen its button was in: focus would fall back to
 * the page itself, and keyboard and screen-reader users would start again from the top.
 */
export function showFocused(container: HTMLElement, shown: HTMLElement, ...after: HTMLElement[]): void {
  show(container, shown, ...after);
  shown.tabIndex = -1;
  shown.focus();
}

/** Built once: a formatter costs far more to build than to use. */
const WHEN = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

/**
 * Date and time in the reader's locale and time zone, named ("Dec 2, 2026, 5:56 PM EST"): editors
 * in two cities read one schedule, and a time without its zone reads the same in both. From an
 * ISO timestamp; an em dash for none.
 */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : WHEN.format(date);
}

/** Built once, as WHEN; in UTC so that a calendar date is the day it names wherever the desk is read. */
const ON_DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * A calendar date (`YYYY-MM-DD`, as a dateline carries it) in the reader's locale, without a time
 * or zone ("Dec 4, 2026", "4 Dec 2026"): it names a day, not a moment. Anything else as it is.
 */
export function onDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const day = new Date(`${date}T00:00:00Z`);
  // A day the calendar does not have (2026-02-30 would roll over to 2 March) is shown as written.
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date ? date : ON_DAY.format(day);
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

/** A time of today in the reader's locale and zone, to the second and named ("5:56:12 PM EST"), for a status line. */
export function clockTime(date: Date): string {
  return CLOCK.format(date);
}

/** `<input type=datetime-local>` value for an ISO timestamp, in local time. */
export function toLocalInput(iso: string | Date): string {
  const date = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO-8601 with a zone (what the services require) from a datetime-local value; undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A human label for a status slug: `changes_requested` → `changes requested`. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge-${status}` }, statusLabel(status));
}
