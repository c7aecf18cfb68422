import { publicationDueAt } from './publication-time';

describe('publicationDueAt', () => {
  const now = new Date('2025-11-21T10:00:00Z');

  it('is null (publish now) without a schedule or embargo', () => {
    expect(publicationDueAt({}, now)).toBeNull();
  });

  it('is the schedule when only publishAt is given and it is in the future', () => {
    expect(publicationDueAt({ publishAt: '2025-11-21T12:00:00Z' }, now)).toEqual(new Date('2025-11-21T12:00:00Z'));
  });

  it('is the embargo when only embargoUntil is given', () => {
    expect(publicationDueAt({ embargoUntil: '2025-11-21T13:00:00+01:00' }, now)).toEqual(new Date('2025-11-21T12:00:00Z'));
  });

  it('is the later of the two: neither a schedule nor an embargo is broken', () => {
    expect(publicationDueAt({ publishAt: '2025-11-21T12:00:00Z', embargoUntil: '2025-11-21T14:00:00Z' }, now)).toEqual(new Date('2025-11-21T14:00:00Z'));
    expect(publicationDueAt({ publishAt: '2025-11-21T15:00:00Z', embargoUntil: '2025-11-21T14:00:00Z' }, now)).toEqual(new Date('2025-11-21T15:00:00Z'));
  });

  it('publishes now when the later time is in the past (say, after the consumer lagged)', () => {
    expect(publicationDueAt({ publishAt: '2025-11-21T09:00:00Z', embargoUntil: '2025-11-21T09:59:59Z' }, now)).toBeNull();
  });

  it('publishes now when the time is exactly now', () => {
    expect(publicationDueAt({ publishAt: now.toISOString() }, now)).toBeNull();
  });

  it('honours a future embargo even when the schedule has passed', () => {
    expect(publicationDueAt({ publishAt: '2025-11-20T00:00:00Z', embargoUntil: '2025-11-21T10:00:01Z' }, now)).toEqual(new Date('2025-11-21T10:00:01Z'));
  });
});
