import { diffHeading } from './views';

describe(diffHeading.name, () => {
  it('names the revision the diff compares with', () => {
    expect(diffHeading({ fromRevision: 1 })).toBe('Changes since revision 1');
  });

  it('claims no earlier revision for a first submission, decided or not', () => {
    expect(diffHeading(null)).toBe('Changes');
  });
});
