import { ApiError, describeError } from './api';

describe('describeError: what the desk shows for a refused request', () => {
  it('says each problem once when the message is made of them', () => {
    const error = new ApiError(400, 'REQUEST.VALIDATION_FAILED', 'note is required: say what was corrected', [
      { path: 'note', message: 'note is required: say what was corrected' },
    ]);
    expect(describeError(error)).toBe('note is required: say what was corrected (REQUEST.VALIDATION_FAILED)');
  });

  it('adds the problems the message does not say', () => {
    const error = new ApiError(409, 'REVIEW.BLOCKING_CHECKS', 'Blocking checks fail', [
      { path: 'body.2', message: 'link target is not http(s)' },
      { path: 'standfirst', message: 'Blocking checks fail' },
    ]);
    expect(describeError(error)).toBe('Blocking checks fail (REVIEW.BLOCKING_CHECKS) — body.2: link target is not http(s)');
  });

  it('shows a plain error as it is', () => {
    expect(describeError(new Error('offline'))).toBe('offline');
  });
});
