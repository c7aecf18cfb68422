import { newerRevisionWords, scheduledCorrections } from './live';

describe(newerRevisionWords.name, () => {
  it('tells the correcting editor what becomes of a correction in a newer revision with the editors, approved, or still being written', () => {
    expect(newerRevisionWords('in_review')).toMatch(/^a new revision is with the editors \(in review\): a correction made now is carried into it .* the editor deciding it is told before approving$/);
    expect(newerRevisionWords('submitted')).toMatch(/^a new revision is with the editors \(submitted\)/);
    expect(newerRevisionWords('scheduled')).toMatch(/^a new revision is approved and waits to go live: a correction made now is carried into it, except where it rewrote the same text/);
    expect(newerRevisionWords('changes_requested')).toBe('the reporter is working on a new revision (changes requested)');
  });
});

describe(scheduledCorrections.name, () => {
  it('warns of a correction a waiting update would go live without, and says what it carries', () => {
    expect(scheduledCorrections({ carried: ['body'], notCarried: ['headline'] })).toEqual({
      warning: true,
      text: "Corrected on the site since it was approved: the headline will go live in this revision's words, without the correction. To keep it, cancel this publication and have the reporter revise the story. The correction of the body is carried into it.",
    });
    expect(scheduledCorrections({ carried: ['standfirst'], notCarried: [] })).toEqual({ warning: false, text: 'Corrected on the site since it was approved: the correction of the standfirst is carried into it as it goes live.' });
  });

  it('says nothing when nothing was corrected, or publishing does not say', () => {
    expect(scheduledCorrections({ carried: [], notCarried: [] })).toBeNull();
    expect(scheduledCorrections(undefined)).toBeNull();
  });
});
