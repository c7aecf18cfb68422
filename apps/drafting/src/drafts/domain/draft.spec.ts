import type { ArticleContent } from '@newsroom/contracts';
import { DomainError } from '@newsroom/contracts';
import { Draft } from './draft';

const content = (headline: string) => ({ headline }) as unknown as ArticleContent;

function codeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe(Draft.name, () => {
  it('starts as an editable draft at version 1', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    expect(draft.state).toMatchObject({ status: 'draft', version: 1, authorId: 'alice' });
    expect(draft.canBeEdited).toBe(true);
  });

  it('saves an edit made on the current version as a new version', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.edit('alice', 1, content('Second'));
    expect(draft.state.version).toBe(2);
    expect(draft.state.content.headline).toBe('Second');
  });

  it('refuses an edit made on a stale version and keeps the newer text', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.edit('alice', 1, content('Second'));
    expect(codeOf(() => draft.edit('alice', 1, content('Lost update')))).toBe('DRAFT.VERSION_CONFLICT');
    expect(draft.state.content.headline).toBe('Second');
  });

  it('lets only the author edit or submit', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    expect(codeOf(() => draft.edit('bob', 1, content('x')))).toBe('DRAFT.NOT_AUTHOR');
    expect(codeOf(() => draft.submit('bob'))).toBe('DRAFT.NOT_AUTHOR');
  });

  it('locks the text while it is under review', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.submit('alice');
    expect(draft.state).toMatchObject({ status: 'submitted', submittedRevision: 1 });
    expect(codeOf(() => draft.edit('alice', 1, content('x')))).toBe('DRAFT.NOT_EDITABLE');
    expect(codeOf(() => draft.submit('alice'))).toBe('DRAFT.NOT_SUBMITTABLE');
    draft.applyProgress('in_review', 1);
    expect(codeOf(() => draft.edit('alice', 1, content('x')))).toBe('DRAFT.NOT_EDITABLE');
  });

  it('reopens for editing when changes are requested, and can be resubmitted', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.submit('alice');
    draft.applyProgress('changes_requested', 1);
    draft.edit('alice', 1, content('Revised'));
    draft.submit('alice', 2);
    expect(draft.state).toMatchObject({ status: 'submitted', submittedRevision: 2, statusRevision: 2 });
  });

  it('ignores a status report that is older than what it already knows', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.submit('alice');
    expect(draft.applyProgress('published', 1)).toBe(true);
    // "approved" arrives after "published" (different topics): the status stays published.
    expect(draft.applyProgress('approved', 1)).toBe(false);
    expect(draft.state.status).toBe('published');
    expect(draft.applyProgress('withdrawn', 1)).toBe(true);
  });

  it('lets a newer revision move the status even to an earlier stage', () => {
    const draft = Draft.create('a', 'alice', content('First'));
    draft.submit('alice');
    draft.applyProgress('changes_requested', 1);
    draft.edit('alice', 1, content('Revised'));
    draft.submit('alice');
    expect(draft.applyProgress('in_review', 1)).toBe(false);
    expect(draft.applyProgress('in_review', 2)).toBe(true);
    expect(draft.state.status).toBe('in_review');
  });
});
