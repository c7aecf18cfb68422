/**
 * What a word processor or a web page puts on the clipboard as HTML, shaped for the editor,
 * whose blocks are the article model's (schema.ts): one parse, in an inert document
 * (DOMParser: no policy applies, nothing runs or loads), then
 *
 * - Word's lists (wordLists), nested lists (nestedListsFlattened) and tables
 *   (tablesAsParagraphs) made into what the model has;
 * - bold and italic said with inline styles made into marks (styledMarks).
 *
 * Without it a list pasted from Word came in as paragraphs starting "·" and "1." with the
 * spaces Word pads them with, a nested list was cut into three lists, and a table's cells ran
 * together ("LineEveryN120 min").
 */
export function pastedHtmlForEditor(html: string): string {
  if (!/\sstyle\s*=|<(?:li|table|tr)\b|mso-list/i.test(html)) return html;
  const document = new DOMParser().parseFromString(html, 'text/html');
  wordLists(document);
  nestedListsFlattened(document);
  tablesAsParagraphs(document);
  styledMarks(document);
  return document.body.innerHTML;
}

/**
 * Word does not put lists on the clipboard as lists: each item is a paragraph whose style says
 * `mso-list:l0 level1 lfo1` (the list, the level), holding its bullet or number as text in a
 * span styled `mso-list:Ignore`, padded with non-breaking spaces. Consecutive such paragraphs
 * of one list become one list, bulleted or numbered as its first marker says; items of deeper
 * levels stay in it, in their order (the model's lists are one level deep).
 */
function wordLists(document: Document): void {
  let list: HTMLElement | undefined;
  let listId: string | undefined;
  for (const paragraph of [...document.body.querySelectorAll<HTMLElement>('p[style*="mso-list"], p[class^="MsoListParagraph"]')]) {
    const id = /mso-list\s*:\s*(l\d+)\s+level\d+/i.exec(paragraph.getAttribute('style') ?? '')?.[1];
    if (!id) continue;
    const markers = [...paragraph.querySelectorAll<HTMLElement>('[style*="mso-list"]')].filter((span) => /mso-list\s*:\s*ignore/i.test(span.getAttribute('style') ?? ''));
    const marker = (markers[0]?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
    for (const span of markers) span.remove();
    const continues = list !== undefined && listId === id && previousElement(paragraph) === list;
    if (!continues) {
      list = document.createElement(/^\(?[0-9a-z]{1,4}[.)]$/i.test(marker) ? 'ol' : 'ul');
      listId = id;
      paragraph.before(list);
    }
    const item = document.createElement('li');
    item.append(...paragraph.childNodes);
    list!.append(item);
    paragraph.remove();
  }
}

/** The element before `node`, past whitespace text and comments (Word puts line breaks and conditional comments between its paragraphs). */
function previousElement(node: Node): Element | null {
  let previous = node.previousSibling;
  while (previous && previous.nodeType !== Node.ELEMENT_NODE) {
    if (previous.nodeType === Node.TEXT_NODE && previous.textContent?.trim()) return null;
    previous = previous.previousSibling;
  }
  return previous as Element | null;
}

/**
 * A list inside a list's item: its items follow that item in the outer list, in their order,
 * as items of the outer list's kind. The model's lists are one level deep, and the editor would
 * otherwise close the outer list at the inner one and open a list for each part.
 */
function nestedListsFlattened(document: Document): void {
  for (let nested = document.body.querySelector('li ul, li ol'); nested; nested = document.body.querySelector('li ul, li ol')) {
    const item = nested.closest('li')!;
    let after: Element = item;
    for (const inner of [...nested.children].filter((child) => child.tagName === 'LI')) {
      after.after(inner);
      after = inner;
    }
    nested.remove();
  }
}

/**
 * A table, which the model has no block for, as a paragraph a row, its cells' words separated
 * by " | " (a caption first, as its own paragraph): the figures stay readable and in order for
 * the reporter to recast, where the editor alone ran every cell together.
 */
function tablesAsParagraphs(document: Document): void {
  for (const table of [...document.body.querySelectorAll('table')].reverse()) {
    const paragraphs: HTMLElement[] = [];
    const caption = table.querySelector('caption');
    if (caption?.textContent?.trim()) paragraphs.push(wrap(document, 'p', [inlineOf(document, caption)]));
    for (const row of table.querySelectorAll('tr')) {
      if (row.closest('table') !== table) continue;
      const cells = [...row.children].filter((cell) => (cell.tagName === 'TD' || cell.tagName === 'TH') && cell.textContent?.trim());
      if (cells.length === 0) continue;
      paragraphs.push(wrap(document, 'p', cells.flatMap((cell, index) => [...(index > 0 ? [document.createTextNode(' | ')] : []), inlineOf(document, cell)])));
    }
    table.replaceWith(...paragraphs);
  }
}

/** An element's words and inline markup, its inner paragraphs and line breaks as spaces: what one line of a paragraph can hold. */
function inlineOf(document: Document, element: Element): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of [...element.querySelectorAll('p, div, br, li')]) {
    if (block.tagName === 'BR') block.replaceWith(document.createTextNode(' '));
    else block.replaceWith(...block.childNodes, document.createTextNode(' '));
  }
  fragment.append(...element.childNodes);
  return fragment;
}

/**
 * Google Docs, Word and many web pages say bold and italic with inline styles rather than
 * <strong> and <em>: Google Docs wraps the whole paste in `<b style="font-weight:normal">` and
 * marks each run with `<span style="font-weight:700">` or `font-style:italic`. The editor reads
 * a pasted style through the element's `style` property, but the desk's policy (no
 * 'unsafe-inline' styles) keeps the browser from applying a style attribute, so every paste from
 * Google Docs came in bold from end to end and its italics were lost. Here the styles are read
 * from the attribute text and turned into the marks they stand for; every style attribute is
 * then dropped.
 */
function styledMarks(document: Document): void {
  for (const element of [...document.body.querySelectorAll<HTMLElement>('[style]')]) {
    const style = declarations(element.getAttribute('style') ?? '');
    element.removeAttribute('style');
    const weight = style.get('font-weight');
    const tag = element.tagName.toLowerCase();
    // Google Docs' wrapper, or any <b> a style says is not bold: its words as they are.
    if ((tag === 'b' || tag === 'strong') && weight !== undefined && !isBold(weight)) {
      element.replaceWith(...element.childNodes);
      continue;
    }
    // A block (a paragraph, a list item) keeps its kind; the mark goes round its words.
    let inner: Node[] = [...element.childNodes];
    if (weight !== undefined && isBold(weight) && tag !== 'b' && tag !== 'strong' && !/^h[1-6]$/.test(tag)) inner = [wrap(document, 'strong', inner)];
    if (style.get('font-style') === 'italic' && tag !== 'i' && tag !== 'em') inner = [wrap(document, 'em', inner)];
    element.replaceChildren(...inner);
  }
}

/** `font-weight: 700; font-style: italic` as a map of lower-cased names and values. */
function declarations(style: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    found.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase());
  }
  return found;
}

/** CSS's bold weights: `bold`, `bolder` and 600 up (Google Docs writes 700; 400 and `normal` are not). */
function isBold(weight: string): boolean {
  if (weight === 'bold' || weight === 'bolder') return true;
  const number = Number(weight);
  return Number.isFinite(number) && number >= 600;
}

/** `nodes` inside a new `tag` element: a paragraph, or a mark round a run of words. */
function wrap(document: Document, tag: 'p' | 'strong' | 'em', nodes: Node[]): HTMLElement {
  const element = document.createElement(tag);
  element.append(...nodes);
  return element;
}
