/**
 * Expects a rendered page (or feed) to contain every one of `fragments`, exactly as written,
 * and names all the missing ones at once: a template that renders one thing wrong usually
 * renders several wrong, and one failure listing them all says more than the first alone.
 */
export function expectFragments(page: string, fragments: readonly string[]): void {
  expect(fragments.filter((fragment) => !page.includes(fragment))).toEqual([]);
}
