import { clientCopyIsCurrent } from './conditional-requests';

describe(clientCopyIsCurrent.name, () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const validators = { etag: 'W/"abc"', 'last-modified': 'Sat, 05 Dec 2026 11:00:00 GMT' };
  const current = (headers: Record<string, string>, exists = false) => clientCopyIsCurrent(headers, validators, { exists, now });

  it('matches the ETag, weak or strong, in a list, and the date at or after the last change', () => {
    expect(current({ 'if-none-match': 'W/"abc"' })).toBe(true);
    expect(current({ 'if-none-match': '"x", "abc"' })).toBe(true);
    expect(current({ 'if-modified-since': 'Sat, 05 Dec 2026 11:00:00 GMT' })).toBe(true);
    expect(current({ 'if-modified-since': 'Sat, 05 Dec 2026 11:30:00 GMT' })).toBe(true);
  });

  it('takes a date within the current second, as a Last-Modified rounded up to it says', () => {
    const lastChange = { etag: 'W/"abc"', 'last-modified': 'Sat, 05 Dec 2026 12:00:01 GMT' };
    const at = new Date('2026-12-05T12:00:00.400Z');
    expect(clientCopyIsCurrent({ 'if-modified-since': 'Sat, 05 Dec 2026 12:00:01 GMT' }, lastChange, { exists: false, now: at })).toBe(true);
    expect(clientCopyIsCurrent({ 'if-modified-since': 'Sat, 05 Dec 2026 12:00:02 GMT' }, lastChange, { exists: false, now: at })).toBe(false);
  });

  it('does not match another ETag, an earlier date, no validator, or a client asking past caches (no-cache)', () => {
    expect(current({ 'if-none-match': 'W/"other"' })).toBe(false);
    expect(current({ 'if-modified-since': 'Sat, 05 Dec 2026 10:59:59 GMT' })).toBe(false);
    expect(current({})).toBe(false);
    expect(current({ 'if-none-match': 'W/"abc"', 'cache-control': 'no-cache' })).toBe(false);
  });

  it('takes If-None-Match over If-Modified-Since', () => {
    expect(current({ 'if-none-match': 'W/"other"', 'if-modified-since': 'Sat, 05 Dec 2026 11:30:00 GMT' })).toBe(false);
  });

  it('matches If-None-Match * only where the target is known to exist', () => {
    expect(current({ 'if-none-match': '*' })).toBe(false);
    expect(current({ 'if-none-match': '*' }, true)).toBe(true);
  });

  it('ignores an If-Modified-Since later than now, or not a date, whether or not the target exists', () => {
    for (const exists of [false, true]) {
      expect(current({ 'if-modified-since': 'Sat, 05 Dec 2026 12:00:01 GMT' }, exists)).toBe(false);
      expect(current({ 'if-modified-since': 'Sat, 05 Dec 2026 12:00:00 GMT' }, exists)).toBe(true);
      expect(current({ 'if-modified-since': 'Tue, 05 Dec 2099 00:00:00 GMT' }, exists)).toBe(false);
      expect(current({ 'if-modified-since': 'yesterday' }, exists)).toBe(false);
    }
  });
});
