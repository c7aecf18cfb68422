import { ROLES, hasAnyRole, type Role } from './roles';

describe(hasAnyRole.name, () => {
  it('passes a user who holds one of the roles', () => {
    expect(hasAnyRole({ id: 'u', roles: ['reporter'] }, ['editor', 'reporter'])).toBe(true);
  });

  it('refuses a user who holds none of the roles', () => {
    expect(hasAnyRole({ id: 'u', roles: ['reporter'] }, ['editor'])).toBe(false);
  });

  it.each(ROLES.map((role) => [role]))('lets an admin through a check for %s', (role: Role) => {
    expect(hasAnyRole({ id: 'u', roles: ['admin'] }, [role])).toBe(true);
  });

  it('lets an admin through even an empty role list', () => {
    expect(hasAnyRole({ id: 'u', roles: ['admin'] }, [])).toBe(true);
  });

  it('refuses a non-admin when no role would do', () => {
    expect(hasAnyRole({ id: 'u', roles: ['editor', 'reporter'] }, [])).toBe(false);
  });
});
