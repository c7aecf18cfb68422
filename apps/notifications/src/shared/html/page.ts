import { html, htmlDocument, raw, safeUrl, type SafeHtml } from '@newsroom/html';

// Our own stylesheet: a constant, nothing in it comes from a request.
const STYLE = raw(`
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=email]{width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box}
fieldset{border:0;padding:0;margin:.75rem 0}legend{font-weight:600;margin-bottom:.25rem}label.choice{display:inline-block;font-weight:400;margin:.2rem 1rem .2rem 0}
button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem;cursor:pointer}
.hint{color:#555;font-size:.9rem}.error{color:#a40000}.code{font-family:monospace;color:#555}
.error-summary{border:2px solid #a40000;padding:0 1rem;margin:0 0 1.5rem}.error-summary a{color:#a40000}[aria-invalid=true]{border:2px solid #a40000}
.masthead{margin:0 0 1.5rem;padding-bottom:.5rem;border-bottom:1px solid #ddd}.masthead a{font-weight:700;font-size:1.25rem;color:inherit;text-decoration:none}
.masthead a:hover,.masthead a:focus{text-decoration:underline}
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
