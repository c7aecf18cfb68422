import { htmlDocument } from './document';
import { html } from './html';

describe(htmlDocument.name, () => {
  it('wraps the body in a complete UTF-8 document with a viewport, the title and the extra head elements', () => {
    const page = htmlDocument({ title: 'Alerts', head: html`<meta name="robots" content="noindex">`, body: html`<main>Hello</main>` }).toString();

    expect(page).toBe(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alerts</title>
<meta name="robots" content="noindex">
</head>
<body>
<main>Hello</main>
</body>
</html>
`);
  });

  it('escapes the title and the language like any other value', () => {
    const page = htmlDocument({ lang: 'en"><script>', title: '</title><script>alert(1)</script>', body: html`` }).toString();

    expect(page).toContain('<html lang="en&quot;&gt;&lt;script&gt;">');
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(page).not.toContain('<script>');
  });

  it('puts a page class on the body when one is given, escaped', () => {
    expect(htmlDocument({ title: 'x', bodyClass: 'page-article', body: html`` }).toString()).toContain('<body class="page-article">');
    expect(htmlDocument({ title: 'x', bodyClass: '"><script>', body: html`` }).toString()).toContain('<body class="&quot;&gt;&lt;script&gt;">');
  });

  it('states the direction of a right-to-left page', () => {
    expect(htmlDocument({ lang: 'ar', dir: 'rtl', title: 'خبر', body: html`` }).toString()).toContain('<html lang="ar" dir="rtl">');
  });
});
