const TAG = /<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcset', 'poster', 'xlink:href']);
const FORBIDDEN_TAGS = new Set(['iframe', 'object', 'embed', 'svg', 'math', 'base', 'form', 'frame', 'frameset', 'applet']);

/**
 * Reads a rendered page the way a browser tokenizer would (for the markup this service
 * emits) and lists everything that could run script: script elements other than JSON-LD,
 * event-handler attributes, script URLs, embedding elements, and any `<` left outside a
 * well-formed tag, which would mean the markup came apart.
 */
export function scriptRisks(document: string): string[] {
  const problems: string[] = [];
  let withoutTags = document.replace(/<!doctype html>/i, '');
  withoutTags = withoutTags.replace(/<script type="application\/ld\+json">[^<]*<\/script>/g, '');
  // The site's own search box: a GET form to /search on this origin, closed where it opens.
  withoutTags = withoutTags.replace(/<form class="search-form" role="search" action="\/search" method="get">((?:(?!<\/?form\b)[\s\S])*)<\/form>/g, '$1');
  // The share buttons: a POST form to this origin's share route, holding one plain button.
  withoutTags = withoutTags.replace(/<form class="share-form" method="post" action="\/articles\/[a-z0-9-]+\/share\/[a-z]+">(<button type="submit" class="share-[a-z]+">[^<]*<\/button>)<\/form>/g, '$1');
  // The signup box: the site's own first-party script, and a POST form to the notifications service's /subscribe.
  withoutTags = withoutTags.replace(/<script src="\/alerts\.js" defer><\/script>/g, '');
  withoutTags = withoutTags.replace(/<form class="subscribe-form" method="post" action="https?:\/\/[^"<>]+\/subscribe">((?:(?!<\/?form\b)[\s\S])*)<\/form>/g, '$1');
  for (const match of withoutTags.matchAll(TAG)) {
    const [tag, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (name === 'script') problems.push(`script element: ${tag}`);
    if (FORBIDDEN_TAGS.has(name)) problems.push(`embedding element: ${tag}`);
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const attributeName = attribute[1].toLowerCase();
      const value = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '').trim().toLowerCase();
      if (attributeName.startsWith('on')) problems.push(`event handler: ${tag}`);
      if (attributeName === 'style') problems.push(`inline style: ${tag}`);
      if (URL_ATTRIBUTES.has(attributeName) && /^(javascript|data|vbscript):/.test(value.replace(/[\s\u0000-\u001f]/g, ''))) {
        problems.push(`script URL: ${tag}`);
      }
    }
  }
  const stray = withoutTags.replace(TAG, '').match(/<[^\s]{0,20}/g);
  if (stray) problems.push(...stray.map((fragment) => `markup outside a tag: ${fragment}`));
  return problems;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
