import { html, htmlDocument, raw, safeUrl, type SafeHtml } from '@newsroom/html';

// Our own stylesheet: a constant, nothing in it comes from a request. The pages are the site's
// to a reader (the site's form leads here), so they take its look: its palette, serif masthead
// and headings over sans-serif text, and its dark mode, following the reader's system setting
// (publishing's site.css; the values are repeated here since the two are served apart).
const STYLE = raw(`
:root{--ink:#141414;--muted:#666;--rule:#dedede;--bg:#fff;--field:#fff;--link:#0b4f8a;--error:#a40000;color-scheme:light dark;
--serif:Georgia,Cambria,"Times New Roman",Times,serif;--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
@media (prefers-color-scheme:dark){:root{--ink:#ececec;--muted:#9a9a9a;--rule:#3a3a3a;--bg:#121212;--field:#1d1d1d;--link:#8cc4ff;--error:#ff8a80}}
body{margin:0;background:var(--bg);color:var(--ink);font-family:var(--sans);line-height:1.5}
a{color:var(--link)}a:focus-visible,input:focus-visible,button:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.masthead{border-bottom:1px solid var(--rule);padding:18px 20px 14px;text-align:center}
.masthead a{font-family:var(--serif);font-weight:700;font-size:2.2rem;letter-spacing:-.02em;line-height:1;color:inherit;text-decoration:none}
.masthead a:hover{text-decoration:underline}
main{max-width:36rem;margin:0 auto;padding:28px 20px 56px}
h1{font-family:var(--serif);font-size:1.9rem;line-height:1.15;margin:0 0 1rem}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=email],input[type=time]{padding:.45rem;font:inherit;color:var(--ink);background:var(--field);border:1px solid var(--muted);border-radius:2px}
input[type=text],input[type=email]{width:100%;box-sizing:border-box}
input[type=checkbox],input[type=radio]{accent-color:var(--ink)}
fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;margin-bottom:.25rem}label.choice{display:inline-block;font-weight:400;margin:.2rem 1rem .2rem 0}
button{margin-top:1rem;padding:.55rem 1.2rem;font:600 1rem var(--sans);color:var(--bg);background:var(--ink);border:1px solid var(--ink);border-radius:2px;cursor:pointer}
button:hover{opacity:.85}
.hint{color:var(--muted);font-size:.9rem}.error{color:var(--error)}.code{font-family:monospace;color:var(--muted)}
.error-summary{border:2px solid var(--error);padding:0 1rem;margin:0 0 1.5rem}.error-summary a{color:var(--error)}[aria-invalid=true]{border:2px solid var(--error)}
`);

/**
 * Who the subscriber pages speak for: the publication's name (SITE_NAME, as the site shows it)
 * and the site (PUBLIC_SITE_URL). The pages live on this service's own address, reached from
 * e-mails and the site's form; the masthead says whose alerts they are and leads back.
 */
export interface Masthead {
  name: string;
  siteUrl: string;
}

/** The masthead of this service's configuration (SITE_NAME and PUBLIC_SITE_URL). */
export function mastheadOf(config: { siteName: string; publicSiteUrl: string }): Masthead {
  return { name: config.siteName, siteUrl: config.publicSiteUrl };
}

/**
 * A complete, self-contained HTML page for the subscriber pages: the masthead (the
 * publication's name, a link to its site), then the title and the body. The body is SafeHtml,
 * so it can only come from the `html` template, which escaped everything interpolated into it.
 */
export function htmlPage(masthead: Masthead, title: string, body: SafeHtml): string {
  return htmlDocument({
    title: `${title} · ${masthead.name}`,
    head: html`<meta name="robots" content="noindex">
<style>${STYLE}</style>`,
    body: html`<header class="masthead"><a href="${safeUrl(masthead.siteUrl)}">${masthead.name}</a></header>
<main>
<h1>${title}</h1>
${body}
</main>`,
  }).toString();
}

/**
 * Headers for pages reached through signed links: the token is in the URL, so it
 * must not leak through Referer, caches or framing.
 */
export const SUBSCRIBER_PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};
