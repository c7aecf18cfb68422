import { escapeHtml, html, joinHtml, jsonForScript, raw, SafeHtml } from './html';

describe('html', () => {
  it('escapes every interpolated string', () => {
    const hostile = `<script>alert("x")</script> & 'quotes' \`tick\``;
    expect(html`<p>${hostile}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &#96;tick&#96;</p>',
    );
  });

  it('keeps an attribute value inside its quotes', () => {
    const value = '" onerror="alert(1)';
    const out = html`<img alt="${value}">`.value;
    expect(out).toBe('<img alt="&quot; onerror=&quot;alert(1)">');
    expect(out.match(/"/g)).toHaveLength(2);
  });

  it('inserts SafeHtml and raw() fragments as they are', () => {
    const inner = html`<em>${'a < b'}</em>`;
    expect(html`<p>${inner} ${raw('<br>')}</p>`.value).toBe('<p><em>a &lt; b</em> <br></p>');
  });

  it('renders arrays item by item, escaping each string', () => {
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
  });

  it('renders null, undefined and false as nothing, numbers and true as text', () => {
    expect(html`${null}|${undefined}|${false}|${0}|${true}`.value).toBe('|||0|true');
  });

  it('returns SafeHtml that reads back as a string', () => {
    const out = html`<b>${'x'}</b>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(`${out}`).toBe('<b>x</b>');
  });

  it('joins fragments with an escaped separator', () => {
    expect(joinHtml([html`<i>a</i>`, 'b&c'], ' & ').value).toBe('<i>a</i> &amp; b&amp;c');
  });

  it('escapes text for attributes and content alike', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  describe(jsonForScript.name, () => {
    it('cannot end the script element or open a comment, and parses back to the same data', () => {
      const data = { headline: '</script><script>alert(1)</script> <!-- & \u2028' };
      const out = jsonForScript(data).value;
      expect(out).not.toMatch(/[<>&\u2028]/);
      expect(JSON.parse(out)).toEqual(data);
    });
  });
});
