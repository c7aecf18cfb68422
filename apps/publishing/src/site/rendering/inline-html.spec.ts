import { renderInline } from './inline-html';

const render = (text: string) => renderInline(text).value;

describe('renderInline', () => {
  it('renders bold, italic and http(s) links', () => {
    expect(render('A **bold** and _italic_ [link](https://example.org/a?b=1&c=2).')).toBe(
      'A <strong>bold</strong> and <em>italic</em> <a href="https://example.org/a?b=1&amp;c=2" rel="noopener">link</a>.',
    );
  });

  it('nests emphasis inside link labels', () => {
    expect(render('[the **full** report](http://example.org/r)')).toBe('<a href="http://example.org/r" rel="noopener">the <strong>full</strong> report</a>');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(document.cookie)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['/relative/path'],
    ['//evil.example/x'],
    ['mailto:someone@example.org'],
    ['vbscript:msgbox(1)'],
  ])('shows a link to %s as its label only', (target) => {
    const out = render(`Click [here](${target}) now`);
    expect(out).toBe('Click here now');
    expect(out).not.toContain('href');
  });

  it('escapes HTML in text and in labels', () => {
    const out = render('<script>alert(1)</script> [<img src=x onerror=alert(1)>](https://example.org)');
    expect(out).not.toMatch(/<script|<img/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<a href="https://example.org" rel="noopener">&lt;img src=x onerror=alert(1)&gt;</a>');
  });

  it('cannot break out of the href attribute', () => {
    const out = render('[x](https://example.org/"onmouseover="alert(1))');
    expect(out).toBe('<a href="https://example.org/&quot;onmouseover=&quot;alert(1)" rel="noopener">x</a>');
    expect(out).not.toMatch(/\sonmouseover=/);
  });

  it('keeps quotes in a valid URL inside the attribute', () => {
    const out = render(`[x](https://example.org/a'b)`);
    expect(out).toBe('<a href="https://example.org/a&#39;b" rel="noopener">x</a>');
  });

  it('renders plain text unchanged apart from escaping', () => {
    expect(render('5 ** 3 and snake_case_names & co')).toBe('5 ** 3 and snake_case_names &amp; co');
  });
});
