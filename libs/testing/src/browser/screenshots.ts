// No workspace aliases here: jest's global setup loads this folder without them.

/** What a page or an element offers for a screenshot (playwright-core's Page and Locator). */
export interface Photographable {
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
}

/**
 * Whether the browser suites write the screenshots taken for people to look at (tmp/*-screenshots):
 * yes on a developer's machine, no where nobody opens them. `SCREENSHOTS=on|off` decides;
 * otherwise a CI run (`CI` set, as `.ci/run` does) skips them. A full-page PNG costs the browser
 * about a quarter of a second and a story walk takes some forty, while the assertions beside them
 * (axe-core, the text on screen) run either way.
 */
export function screenshotsWanted(env: Record<string, string | undefined> = process.env): boolean {
  const asked = (env.SCREENSHOTS ?? '').trim().toLowerCase();
  if (asked === 'on') return true;
  if (asked === 'off') return false;
  if (asked !== '') throw new Error(`SCREENSHOTS must be "on" or "off", not "${env.SCREENSHOTS}"`);
  const ci = (env.CI ?? '').trim().toLowerCase();
  return ci === '' || ci === 'false' || ci === '0';
}

/**
 * A screenshot for people to look at, written to `file` when screenshotsWanted(); a whole page
 * unless `fullPage` is false (an element is always shot as it is).
 */
export async function screenshotToLookAt(subject: Photographable, file: string, fullPage = true): Promise<void> {
  if (!screenshotsWanted()) return;
  await subject.screenshot({ path: file, fullPage });
}
