import { html, type SafeHtml } from '@newsroom/html';

/**
 * The HTML part of every email we send: one layout with inline styles (mail
 * clients drop stylesheets) around a body built with the `html` template. The document's
 * language is the e-mails' own words' (English); a story's text inside says its own.
 */
export function emailDocument(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem">
${body}
</body></html>`.toString();
}

/** The small grey print under an email (why you get it, what you can do). */
export function footnote(content: SafeHtml): SafeHtml {
  return html`<p style="color:#555;font-size:13px">${content}</p>`;
}
