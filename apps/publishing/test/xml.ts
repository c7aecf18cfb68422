import { xml2js, type Element } from 'xml-js';

/** Parses a feed or sitemap the way a reader would: a failure to parse fails the test. */
export function parseXml(xml: string): Element {
  return xml2js(xml, { compact: false }) as Element;
}

/** Every element called `name` at or below `element`, in document order. */
export function elementsNamed(element: Element, name: string): Element[] {
  const own = element.name === name ? [element] : [];
  return [...own, ...(element.elements ?? []).flatMap((child) => elementsNamed(child, name))];
}

/** The text inside `element` (CDATA included), as a reader gets it. */
export function textOf(element: Element): string {
  return (element.elements ?? []).map((child) => (child.type === 'text' || child.type === 'cdata' ? String(child.text ?? child.cdata) : textOf(child))).join('');
}
