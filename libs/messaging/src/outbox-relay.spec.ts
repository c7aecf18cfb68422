import { hasUnsupportedCharacter } from '@newsroom/contracts';
import { LAST_ERROR_MAX_LENGTH, storableError } from './outbox-relay';

describe(storableError.name, () => {
  it('keeps a short message as it is', () => {
    expect(storableError(new Error('broker not available'))).toBe('broker not available');
    expect(storableError('timed out')).toBe('timed out');
  });

  it('cuts a long message between characters, never leaving half of a surrogate pair', () => {
    // An emoji (two code units) straddles the limit: a plain slice would keep its first half.
    const message = `${'x'.repeat(LAST_ERROR_MAX_LENGTH - 1)}🗞️ and the rest`;
    const kept = storableError(new Error(message));

    expect(kept.length).toBeLessThanOrEqual(LAST_ERROR_MAX_LENGTH);
    expect(kept.endsWith('…')).toBe(true);
    expect(hasUnsupportedCharacter(kept)).toBe(false);
  });

  it('replaces characters PostgreSQL refuses, so the failure itself can be stored', () => {
    expect(storableError(new Error('bad\u0000value'))).toBe('bad\uFFFDvalue');
  });
});
