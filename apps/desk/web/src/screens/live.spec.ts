import { newerRevisionWords } from './live';

describe(newerRevisionWords.name, () => {
  it('tells the correcting editor what becomes of a correction in a newer revision with the editors, approved, or still being written', () => {
    expect(newerRevisionWords('in_review')).toMatch(/^a new revision is with the editors \(in review\): a correction made now is carried into it .* the editor deciding it is told before approving$/);
    expect(newerRevisionWords('submitted')).toMatch(/^a new revision is with the editors \(submitted\)/);
    expect(newerRevisionWords('scheduled')).toMatch(/^a new revision is approved and waits to go live: a correction made now is carried into it, except where it rewrote the same text/);
    expect(newerRevisionWords('changes_requested')).toBe('the reporter is working on a new revision (changes requested)');
  });
});
