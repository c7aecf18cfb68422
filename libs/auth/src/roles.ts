export const ROLES = ['reporter', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, taken from a verified bearer token. */
export interface AuthenticatedUser {
  id: string;
  roles: Role[];
  name?: string;
}

export function hasAnyRole(user: AuthenticatedUser, roles: readonly Role[]): boolean {
  return user.roles.includes('admin') || roles.some((role) => user.roles.includes(role));
}
