/**
 * The one home of HTML output: pages, e-mails and the test inboxes all build
 * markup with the `html` tagged template, which escapes every interpolated
 * value. The only way to insert markup unescaped is `raw()` — grep for it to
 * review every place that does. (A 60-line tagged template rather than a
 * template engine: our pages are TypeScript functions over typed article
 * blocks, and an engine would add a second language with its own escaping rules.)
 */
/**
 * HTML that is safe to insert as it is: produced by the `html` template (which escaped every
 * interpolation) or vouched for with `raw()`. Anything else interpolated into `html` is text.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]);
}

/**
 * Marks a trusted fragment as HTML. Only for markup this service writes itself (or a value it
 * has already escaped); never for anything that came from an article or a request.
 */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * A tagged template that escapes every interpolated value unless it is SafeHtml. Arrays are
 * rendered item by item (so `${items.map(...)}` works); null, undefined and false render
 * nothing, which keeps optional fragments short: `${caption && html`<figcaption>…`}`.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) {
    out += render(values[i]) + strings[i + 1];
  }
  return new SafeHtml(out);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Joins fragments with a separator that is itself escaped. */
export function joinHtml(parts: readonly HtmlValue[], separator: string): SafeHtml {
  return new SafeHtml(parts.map(render).join(escapeHtml(separator)));
}

/**
 * Serialises data for a `<script type="application/ld+json">` block. JSON alone is not enough
 * inside a script element: `</script>` or `<!--` in a headline would end or confuse it, so
 * every `<`, `>` and `&` (and the line separators JavaScript treats as newlines) is written as
 * a \u escape, which JSON parsers read back unchanged.
 */
export function jsonForScript(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(json);
}

/**
 * A URL that is safe in an href or src: absolute http(s) only. Anything else
 * (javascript:, data:, relative tricks, garbage) gives undefined, so callers
 * render text instead of a link.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
