import { html, type HtmlValue, type SafeHtml } from './html';

export interface HtmlDocumentParts {
  /** The page's language (BCP 47); `en` unless said. */
  lang?: string;
  /** Text direction, for right-to-left languages; the browser's default (ltr) unless said. */
  dir?: 'ltr' | 'rtl';
  /** Text for <title>; escaped like any other value. */
  title: string;
  /** More of <head> after the title (meta tags, stylesheets), built with `html`. */
  head?: HtmlValue;
  /** A class on <body>, for page-specific styles; none unless said. */
  bodyClass?: string;
  /** The content of <body>, built with `html`. */
  body: SafeHtml;
}

/**
 * A complete HTML5 document: doctype, language, UTF-8, a viewport for phones,
 * the title, then the caller's head elements and body. Every page and e-mail
 * starts from this, so those basics are right in one place.
 */
export function htmlDocument(parts: HtmlDocumentParts): SafeHtml {
  return html`<!doctype html>
<html lang="${parts.lang ?? 'en'}"${parts.dir ? html` dir="${parts.dir}"` : null}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title}</title>
${parts.head}
</head>
<body${parts.bodyClass ? html` class="${parts.bodyClass}"` : null}>
${parts.body}
</body>
</html>
`;
}
