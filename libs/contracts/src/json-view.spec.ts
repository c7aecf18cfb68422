import { withIsoDates } from './json-view';

describe(withIsoDates.name, () => {
  it('writes Date fields as ISO 8601 strings and leaves the others, nulls included, as they are', () => {
    const decidedAt = new Date('2026-11-30T16:05:00Z');
    const view = withIsoDates({ id: 'd1', revision: 3, decidedAt, publishAt: null as Date | null, tags: ['a'] });

    expect(view).toEqual({ id: 'd1', revision: 3, decidedAt: '2026-11-30T16:05:00.000Z', publishAt: null, tags: ['a'] });
  });

  it('does not change the record it was given', () => {
    const record = { at: new Date(0) };
    withIsoDates(record);
    expect(record.at).toBeInstanceOf(Date);
  });
});
