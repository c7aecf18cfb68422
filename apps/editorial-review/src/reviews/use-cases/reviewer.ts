import type { AuthenticatedUser } from '@newsroom/auth';
import type { Reviewer } from '../domain/review';

/** The domain's view of the caller: who they are and whether admin rights apply. */
export function reviewerOf(user: AuthenticatedUser): Reviewer {
  return { id: user.id, isAdmin: user.roles.includes('admin') };
}
