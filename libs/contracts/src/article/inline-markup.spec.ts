import { escapeInline, findInlineLinks, inlineToPlainText, parseInline, type InlineNode } from './inline-markup';

const text = (value: string): InlineNode => ({ type: 'text', text: value });
const bold = (...children: InlineNode[]): InlineNode => ({ type: 'bold', children });
const italic = (...children: InlineNode[]): InlineNode => ({ type: 'italic', children });
const link = (href: string, ...children: InlineNode[]): InlineNode => ({ type: 'link', href, children });

describe(parseInline.name, () => {
  it('returns plain text as one text node', () => {
    expect(parseInline('The council met on Thursday.')).toEqual([text('The council met on Thursday.')]);
  });

  it('returns nothing for an empty string', () => {
    expect(parseInline('')).toEqual([]);
  });

  it('parses bold, italic and links', () => {
    expect(parseInline('A **firm** _maybe_ from [the council](https://example.org/council).')).toEqual([
      text('A '),
      bold(text('firm')),
      text(' '),
      italic(text('maybe')),
      text(' from '),
      link('https://example.org/council', text('the council')),
      text('.'),
    ]);
  });

  it('parses markup at the very start and end', () => {
    expect(parseInline('**Breaking**')).toEqual([bold(text('Breaking'))]);
    expect(parseInline('_Updated_')).toEqual([italic(text('Updated'))]);
  });

  describe('escapes', () => {
    it.each([
      ['\\*\\*not bold\\*\\*', '**not bold**'],
      ['\\_not italic\\_', '_not italic_'],
      ['\\[not a link](https://example.org)', '[not a link](https://example.org)'],
      ['a backslash: \\\\', 'a backslash: \\'],
      ['\\(brackets\\) and \\]', '(brackets) and ]'],
    ])('%p reads as %p', (source, expected) => {
      expect(parseInline(source)).toEqual([text(expected)]);
    });

    it('keeps a backslash before any other character', () => {
      expect(parseInline('C:\\Users\\desk and 5\\3')).toEqual([text('C:\\Users\\desk and 5\\3')]);
    });

    it('keeps a trailing backslash', () => {
      expect(parseInline('ends with \\')).toEqual([text('ends with \\')]);
    });

    it('lets an escaped backslash precede real markup', () => {
      expect(parseInline('\\\\**bold**')).toEqual([text('\\'), bold(text('bold'))]);
    });

    it('does not let an escaped marker close a span', () => {
      expect(parseInline('**a\\**')).toEqual([text('**a**')]);
    });

    it('unescapes a link target', () => {
      expect(parseInline('[wiki](https://example.org/Foo_\\(bar\\))')).toEqual([link('https://example.org/Foo_(bar)', text('wiki'))]);
    });

    it('allows escaped markers inside spans', () => {
      expect(parseInline('**2 \\* 3**')).toEqual([bold(text('2 * 3'))]);
    });
  });

  describe('unclosed and misplaced markers', () => {
    it.each([
      '**unclosed bold',
      'unclosed _italic',
      '[label without target]',
      '[label](https://example.org',
      '[](https://example.org)',
      '[label]()',
      '[label] (https://example.org)',
      '[label](https://example.org/a b)',
      '5 ** 3 = 125',
      'a _ b _ c',
      '** spaced **',
      '****',
      '__',
      '_',
      '*',
      'snake_case_name and file_name',
      'https://example.org/some_path_here',
      ']) stray closers [(',
    ])('keeps %p as literal text', (source) => {
      expect(parseInline(source)).toEqual([text(source)]);
    });

    it('closes italic only at a word boundary', () => {
      expect(parseInline('_re_use is fine_')).toEqual([italic(text('re_use is fine'))]);
    });

    it('keeps an unclosed marker literal while parsing the rest', () => {
      expect(parseInline('**open _closed_')).toEqual([text('**open '), italic(text('closed'))]);
    });

    it('resolves overlapping spans without losing text', () => {
      const nodes = parseInline('**a _b** c_');

      expect(nodes).toEqual([bold(text('a _b')), text(' c_')]);
    });
  });

  describe('nesting', () => {
    it('nests italic in bold and bold in italic', () => {
      expect(parseInline('**very _much_ so**')).toEqual([bold(text('very '), italic(text('much')), text(' so'))]);
      expect(parseInline('_quite **bold** here_')).toEqual([italic(text('quite '), bold(text('bold')), text(' here'))]);
    });

    it('allows bold and italic inside a link label', () => {
      expect(parseInline('[the **full** _report_](https://example.org/r)')).toEqual([
        link('https://example.org/r', text('the '), bold(text('full')), text(' '), italic(text('report'))),
      ]);
    });

    it('allows links inside bold and italic', () => {
      expect(parseInline('**read [this](https://example.org/a)**')).toEqual([bold(text('read '), link('https://example.org/a', text('this')))]);
      expect(parseInline('_see [here](https://example.org/b)_')).toEqual([italic(text('see '), link('https://example.org/b', text('here')))]);
    });

    it('lets a link win over emphasis markers in its target', () => {
      expect(parseInline('_see [x](https://example.org/a_b)_')).toEqual([italic(text('see '), link('https://example.org/a_b', text('x')))]);
      expect(parseInline('**[x](https://example.org/**)**')).toEqual([bold(link('https://example.org/**', text('x')))]);
    });

    it('does not nest a link inside a link', () => {
      expect(parseInline('[a [b](https://b.example) c](https://a.example)')).toEqual([
        link('https://a.example', text('a [b](https://b.example) c')),
      ]);
    });

    it('accepts balanced brackets in labels and parentheses in targets', () => {
      expect(parseInline('[the [2024] report](https://example.org/wiki/Report_(2024))')).toEqual([
        link('https://example.org/wiki/Report_(2024)', text('the [2024] report')),
      ]);
    });

    it('keeps prose parentheses around a link', () => {
      expect(parseInline('(see [notes](https://example.org/n))')).toEqual([text('(see '), link('https://example.org/n', text('notes')), text(')')]);
    });
  });

  describe('link targets', () => {
    it('returns any target as written: renderers and editorial checks decide what is safe', () => {
      expect(parseInline('[click](javascript:alert(1))')).toEqual([link('javascript:alert(1)', text('click'))]);
      expect(parseInline('[page](/relative/path)')).toEqual([link('/relative/path', text('page'))]);
    });
  });

  it('produces no HTML and leaves angle brackets as text', () => {
    const source = '<script>alert("x")</script> **<b>**';

    expect(parseInline(source)).toEqual([text('<script>alert("x")</script> '), bold(text('<b>'))]);
  });

  it('never throws and stays fast on hostile input', () => {
    const hostile = ['**a '.repeat(2500), '_a '.repeat(3300), '['.repeat(5000) + ']'.repeat(5000), '[a]('.repeat(2000), '\\'.repeat(9999), '_**['.repeat(2500)];
    const started = Date.now();

    for (const source of hostile) {
      expect(() => parseInline(source)).not.toThrow();
      expect(inlineToPlainText(source).length).toBeGreaterThan(0);
    }
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tolerates a non-string at runtime', () => {
    expect(parseInline(undefined as unknown as string)).toEqual([]);
  });
});

describe(inlineToPlainText.name, () => {
  it('strips markup and keeps link labels', () => {
    expect(inlineToPlainText('A **firm** _maybe_ from [the _city_ council](https://example.org/c).')).toBe('A firm maybe from the city council.');
  });

  it('resolves escapes and keeps unclosed markers', () => {
    expect(inlineToPlainText('2 \\* 3 and **open and a\\_b')).toBe('2 * 3 and **open and a_b');
  });
});

describe(findInlineLinks.name, () => {
  it('returns every target in order, including duplicates and nested ones', () => {
    const source = 'See [one](https://a.example/1), **[two](http://b.example/2)** and _[again](https://a.example/1)_ or [x](javascript:void(0)).';

    expect(findInlineLinks(source)).toEqual(['https://a.example/1', 'http://b.example/2', 'https://a.example/1', 'javascript:void(0)']);
  });

  it('returns nothing for text without links', () => {
    expect(findInlineLinks('No [links] here (really).')).toEqual([]);
  });
});

describe(escapeInline.name, () => {
  it.each(['**not bold**', '_x_ and [y](https://z.example)', 'back\\slash \\* mixed _**[', 'plain', ''])('round-trips %p through the parser', (plain) => {
    expect(inlineToPlainText(escapeInline(plain))).toBe(plain);
    expect(findInlineLinks(escapeInline(plain))).toEqual([]);
  });
});
