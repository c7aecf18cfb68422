import { html, htmlDocument, raw, type SafeHtml } from '@newsroom/html';

export function formatTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

// Our own stylesheet: a constant, nothing in it comes from a request.
const STYLE = raw(`
  :root { color-scheme: light; --ink: #1d2330; --muted: #667085; --line: #e4e7ec; --accent: #b42318; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f7f9; }
  header { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 24px; display: flex; gap: 20px; align-items: baseline; }
  header h1 { font-size: 17px; margin: 0; }
  header a { color: var(--muted); text-decoration: none; }
  header a:hover { color: var(--ink); }
  main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
  table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
  th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background: #fafbfc; }
  td a { color: var(--ink); }
  .muted { color: var(--muted); font-size: 13px; }
  .empty { color: var(--muted); padding: 32px; text-align: center; background: #fff; border: 1px dashed var(--line); border-radius: 8px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin-bottom: 12px; box-shadow: 0 1px 2px rgba(16,24,40,.05); }
  .card h2 { font-size: 16px; margin: 0 0 4px; }
  .card p { margin: 0 0 6px; }
  .tag { display: inline-block; font-size: 12px; background: #f2f4f7; border-radius: 999px; padding: 1px 8px; margin-right: 6px; }
  pre { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; white-space: pre-wrap; word-break: break-word; font-size: 13px; }
  iframe { width: 100%; min-height: 480px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
  form { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px; display: grid; gap: 12px; max-width: 480px; }
  label { display: grid; gap: 4px; font-size: 13px; color: var(--muted); }
  label.inline { display: flex; gap: 8px; align-items: center; color: var(--ink); }
  input[type=text] { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
  button { font: inherit; padding: 8px 14px; border: 0; border-radius: 6px; background: var(--ink); color: #fff; cursor: pointer; justify-self: start; }
  .error { color: var(--accent); }
`);

export interface PageOptions {
  title: string;
  nav: Array<{ href: string; label: string }>;
  /** Listing pages reload themselves so new arrivals show up without a click. */
  refreshSeconds?: number;
}

/** A complete HTML document around `body`, which the `html` template built (so it is escaped). */
export function page(options: PageOptions, body: SafeHtml): string {
  return htmlDocument({
    title: options.title,
    head: html`${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : null}
<style>${STYLE}</style>`,
    body: html`<header><h1>${options.title}</h1>${options.nav.map((item) => html`<a href="${item.href}">${item.label}</a>`)}</header>
<main>
${body}
</main>`,
  }).toString();
}
