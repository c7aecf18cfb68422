import { validatePlain } from '../validation';
import { withChanges } from './article-changes';
import { ArticleContent } from './article-content';
import { exampleArticle } from './example-article';

function article(overrides: Record<string, unknown> = {}): ArticleContent {
  const result = validatePlain(ArticleContent, { ...exampleArticle(), ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const labelled = article({ tags: ['gdansk-street', 'kiyiv'], tagLabels: { 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' } });

describe(withChanges.name, () => {
  it('replaces the fields given, keeps those left out and clears an optional one given as null', () => {
    const merged = withChanges(article({ standfirst: 'Before.' }), { headline: 'After', standfirst: null, section: undefined });
    expect(merged).toMatchObject({ headline: 'After', standfirst: null, section: exampleArticle().section });
  });

  it('keeps the labels of the tags that stay when only the tags change', () => {
    expect(withChanges(labelled, { tags: ['kiyiv', 'ports'] })).toMatchObject({ tags: ['kiyiv', 'ports'], tagLabels: { kiyiv: 'Київ' } });
    expect(validatePlain(ArticleContent, withChanges(labelled, { tags: ['kiyiv', 'ports'] })).ok).toBe(true);
  });

  it('drops every label when no labelled tag stays, so the article stays valid', () => {
    const merged = withChanges(labelled, { tags: ['ports'] });
    expect('tagLabels' in merged).toBe(false);
    expect(validatePlain(ArticleContent, merged).ok).toBe(true);
    expect('tagLabels' in withChanges(labelled, { tags: null })).toBe(false);
  });

  it('takes labels given with the tags as they are, and null as none', () => {
    expect(withChanges(labelled, { tags: ['kiyiv'], tagLabels: { kiyiv: 'КИЇВ' } })).toMatchObject({ tagLabels: { kiyiv: 'КИЇВ' } });
    expect(withChanges(labelled, { tagLabels: null })).toMatchObject({ tagLabels: null });
  });

  it('leaves the current article untouched', () => {
    withChanges(labelled, { tags: ['ports'] });
    expect(labelled.tagLabels).toEqual({ 'gdansk-street': 'Gdańsk Street', kiyiv: 'Київ' });
  });
});
