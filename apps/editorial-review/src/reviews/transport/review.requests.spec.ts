import { validatePlain } from '@newsroom/contracts';
import { AddCommentRequest, ApproveRequest, ClaimRequest, RecallRequest, ListReviewsQuery, RejectRequest, RequestChangesRequest } from './review.requests';

type RequestClass = new () => object;

const issuesOf = (cls: RequestClass, plain: unknown) => {
  const result = validatePlain(cls, plain);
  return result.ok ? [] : [...new Set(result.issues.map((i) => i.path))];
};

describe(RecallRequest.name, () => {
  it('accepts no submission, or both its revision and its time', () => {
    expect([{}, { revision: 2, submittedAt: '2026-12-03T07:00:00.123Z' }].map((body) => issuesOf(RecallRequest, body))).toEqual([[], []]);
  });

  it.each<[Record<string, unknown>, string[]]>([
    [{ revision: 2 }, ['submittedAt']],
    [{ submittedAt: '2026-12-03T07:00:00Z' }, ['revision']],
    [{ revision: 0, submittedAt: '2026-12-03T07:00:00Z' }, ['revision']],
    [{ revision: '2', submittedAt: '2026-12-03T07:00:00Z' }, ['revision']],
    [{ revision: 2, submittedAt: '2026-12-03 07:00' }, ['submittedAt']],
    [{ revision: 2, submittedAt: '2026-12-03T07:00:00Z', note: 'x' }, ['note']],
  ])('refuses %j', (body, paths) => {
    expect(issuesOf(RecallRequest, body)).toEqual(paths);
  });
});

describe(ClaimRequest.name, () => {
  it('accepts no field (a plain claim) and a boolean takeOver', () => {
    expect([{}, { takeOver: true }, { takeOver: false }].map((body) => issuesOf(ClaimRequest, body))).toEqual([[], [], []]);
  });

  it.each([['yes'], [1], ['true'], [{}]])('refuses takeOver %p (only a JSON boolean takes a story over)', (takeOver) => {
    expect(issuesOf(ClaimRequest, { takeOver })).toEqual(['takeOver']);
  });

  it('refuses unknown fields', () => {
    expect(issuesOf(ClaimRequest, { takeover: true })).toEqual(['takeover']);
  });
});

describe(ApproveRequest.name, () => {
  it('accepts an empty body and every field together', () => {
    expect(issuesOf(ApproveRequest, {})).toEqual([]);
    expect(
      issuesOf(ApproveRequest, { publishAt: '2025-11-21T18:00:00Z', embargoUntil: '2025-11-21T20:00:00.123+02:00', priority: 'breaking' }),
    ).toEqual([]);
  });

  it.each(['2025-11-21', '2025-11-21T18:00:00', '2025-11-21 18:00Z', 'tomorrow', '2025-02-30T10:00:00Z', 1763748000000])(
    'refuses the timestamp %p (a zone is required)',
    (publishAt) => {
      expect(issuesOf(ApproveRequest, { publishAt })).toEqual(['publishAt']);
      expect(issuesOf(ApproveRequest, { embargoUntil: publishAt })).toEqual(['embargoUntil']);
    },
  );

  it('refuses an unknown priority and unknown fields', () => {
    expect(issuesOf(ApproveRequest, { priority: 'urgent' })).toEqual(['priority']);
    expect(issuesOf(ApproveRequest, { revision: 2 })).toEqual(['revision']);
  });
});

describe.each<[RequestClass, string]>([
  [AddCommentRequest, 'body'],
  [RequestChangesRequest, 'note'],
  [RejectRequest, 'reason'],
])('%p', (cls, field) => {
  it(`needs a non-blank ${field} of at most 5000 characters`, () => {
    expect(issuesOf(cls, { [field]: 'Fine.' })).toEqual([]);
    expect(issuesOf(cls, {})).toEqual([field]);
    expect(issuesOf(cls, { [field]: ' \n ' })).toEqual([field]);
    expect(issuesOf(cls, { [field]: 42 })).toEqual([field]);
    expect(issuesOf(cls, { [field]: 'x'.repeat(5001) })).toEqual([field]);
    expect(issuesOf(cls, { [field]: 'ok', extra: true })).toEqual(['extra']);
  });

  it('trims the text', () => {
    const result = validatePlain(cls, { [field]: '  Check the numbers.  ' });
    expect(result.ok && (result.value as unknown as Record<string, string>)[field]).toBe('Check the numbers.');
  });
});

describe(ListReviewsQuery.name, () => {
  it('defaults to the first 20 items of every status', () => {
    const result = validatePlain(ListReviewsQuery, {});
    expect(result.ok && { ...result.value }).toEqual({ limit: 20, offset: 0 });
  });

  it('reads numbers from the query string and bounds them', () => {
    expect(issuesOf(ListReviewsQuery, { status: 'pending', limit: '100', offset: '40' })).toEqual([]);
    expect(issuesOf(ListReviewsQuery, { status: 'done', limit: '0', offset: '-1' })).toEqual(['status', 'limit', 'offset']);
  });
});
