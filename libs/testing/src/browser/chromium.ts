// No workspace aliases here: jest's global setup loads this file without them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's chromium package puts the browser binary. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The switches the browser suites start Chromium with: no sandbox (the suites run as root), no
 * GPU process (headless has no GPU; the software one only costs CPU the suites share), and none
 * of the background traffic (component updates, sync, first-run setup) that a machine without
 * the internet refuses and retries.
 */
export const CHROMIUM_ARGS: readonly string[] = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium that browser tests drive, or undefined when there is none. */
export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/**
 * Debian's chromium, installed with apt-get on first use when the process runs
 * as root (CI and our machines do); playwright-core drives it, so no browser
 * download from outside Debian's repositories is needed. CHROMIUM_PATH points
 * at another binary. Throws one readable line when there is no way to get one.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, but there is no file there`);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error('the browser tests need Chromium: install Debian\'s package (apt-get install chromium) or set CHROMIUM_PATH');
  }
  log('Chromium is not installed; installing Debian\'s chromium package with apt-get (once per machine)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env });
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no binary is at /usr/bin/chromium');
  return installed;
}
