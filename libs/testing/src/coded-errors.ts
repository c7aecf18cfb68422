import { DomainError } from '@newsroom/contracts';

/**
 * The coded error `action` throws synchronously, for a test to read its `code`,
 * `kind` and `details`. Fails the test when `action` throws nothing, and rethrows
 * anything that is not a DomainError: that is a bug, not a refusal.
 */
export function thrownBy(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a coded error, but none was thrown');
}

/** Like `thrownBy`, for work that rejects: the coded error `work` rejects with (fails the test when it resolves). */
export async function refusal(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal with a coded error, but the work succeeded');
}
