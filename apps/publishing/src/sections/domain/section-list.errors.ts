import { DomainError } from '@newsroom/contracts';

/** A change to the section list says which version it was made on, so two admins cannot overwrite each other. */
export const sectionsVersionRequired = () =>
  new DomainError('SECTIONS.VERSION_REQUIRED', 'Send the version of the section list you edited in an If-Match header (e.g. If-Match: "3")', 'precondition_required');

/** Someone changed the list since `expected`; the admin reloads it and makes the change again. */
export const sectionsVersionConflict = (expected: number, current: number) =>
  new DomainError(
    'SECTIONS.VERSION_CONFLICT',
    `The section list changed since version ${expected}; it is now at version ${current}. Reload it and make your change again`,
    'precondition_failed',
    { currentVersion: current },
  );
