import { exampleArticle, type ArticleBlock } from '@newsroom/contracts';
import { preflight, type PreflightArticle } from './preflight';

const SECTIONS = ['politics', 'world'];

function article(changes: Partial<PreflightArticle> = {}): PreflightArticle {
  const example = exampleArticle() as unknown as PreflightArticle;
  return { ...example, ...changes };
}

describe('checks before submitting', () => {
  it('finds nothing in the example article', () => {
    expect(preflight(article(), SECTIONS)).toEqual([]);
  });

  it('holds back a quote without attribution, a missing standfirst and a javascript: link as errors', () => {
    const body: ArticleBlock[] = [
      { type: 'paragraph', text: 'See [this](javascript:alert(1)).' },
      { type: 'quote', text: 'Unsourced.' },
    ];
    const findings = preflight(article({ standfirst: undefined, body }), SECTIONS);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['STANDFIRST_MISSING', 'UNSAFE_LINK', 'QUOTE_WITHOUT_ATTRIBUTION']);
  });

  it('warns about an unknown section, a missing dateline and a subheading with nothing under it', () => {
    const body: ArticleBlock[] = [
      { type: 'paragraph', text: 'Text.' },
      { type: 'subheading', text: 'Dangling' },
    ];
    const findings = preflight(article({ section: 'sport', dateline: undefined, body }), SECTIONS);
    expect(findings.map((f) => [f.severity, f.code])).toEqual([
      ['warning', 'DATELINE_MISSING'],
      ['warning', 'SECTION_UNKNOWN'],
      ['warning', 'EMPTY_SUBHEADING_SECTION'],
    ]);
  });
});
