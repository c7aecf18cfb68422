/**
 * What a word processor puts on the clipboard as HTML, made readable for the editor under the
 * desk's Content Security Policy.
 *
 * Google Docs, Word and many web pages say bold and italic with inline styles rather than
 * <strong> and <em>: Google Docs wraps the whole paste in `<b style="font-weight:normal">` and
 * marks each run with `<span style="font-weight:700">` or `font-style:italic`. The editor reads
 * a pasted style through the element's `style` property, but the desk's policy (no
 * 'unsafe-inline' styles) keeps the browser from applying a style attribute, so every paste from
 * Google Docs came in bold from end to end and its italics were lost. Here the styles are read
 * from the attribute text in an inert document (DOMParser: no policy applies, nothing runs or
 * loads) and turned into the marks they stand for; every style attribute is then dropped.
 */
export function marksOfStyledHtml(html: string): string {
  if (!/\sstyle\s*=/i.test(html)) return html;
  const document = new DOMParser().parseFromString(html, 'text/html');
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
  return document.body.innerHTML;
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

function wrap(document: Document, tag: 'strong' | 'em', nodes: Node[]): HTMLElement {
  const element = document.createElement(tag);
  element.append(...nodes);
  return element;
}
