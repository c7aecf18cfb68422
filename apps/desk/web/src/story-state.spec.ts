import { lockedStoryState } from './story-state';

describe(lockedStoryState.name, () => {
  it('tells the reporter of a live story how to change it, not whether it is ready to submit', () => {
    expect(lockedStoryState('published')).toBe('Published — start a new revision to change it.');
  });

  it('says what happens next while the editors have it', () => {
    expect(lockedStoryState('submitted')).toBe('Submitted — waiting for an editor. Until one claims it you can recall it to edit; after that, if changes are requested.');
    expect(lockedStoryState('in_review')).toMatch(/^In review — an editor has it\. /);
    expect(lockedStoryState('in_review', null, null, 'Eleanor Editor')).toBe('In review — Eleanor Editor has it. You can edit it again if changes are requested; ask them to send it back.');
  });

  it('says when a scheduled story goes live', () => {
    expect(lockedStoryState('scheduled', '2030-05-01T09:30:00Z')).toMatch(/^Scheduled — it goes live .*2030.*\.$/);
    expect(lockedStoryState('scheduled', null)).toBe('Scheduled — it goes live at the time the editor chose.');
  });

  it('names a status it does not know', () => {
    expect(lockedStoryState('on_hold')).toBe('On hold — the text cannot be edited now.');
  });

  it('tells a cancelled update of a story that went live from a publication cancelled before it ever did', () => {
    expect(lockedStoryState('cancelled', null, null)).toMatch(/^Publication cancelled — /);
    expect(lockedStoryState('cancelled', null, 'https://news.example.org/articles/x')).toMatch(/^Update cancelled — .*it did not replace the story’s earlier text/);
  });
});
