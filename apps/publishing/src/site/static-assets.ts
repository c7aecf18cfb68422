import { existsSync } from 'node:fs';
import path from 'node:path';

/** The prefix static files are served under. */
export const STATIC_PREFIX = '/static/';

/**
 * The folder with the stylesheet, icons and sample images. tsc compiles only TypeScript, so the
 * compiled service (dist/apps/publishing/src/site) reads the files from the source tree, which
 * the container image also ships at the same place; tests run from the source tree itself.
 */
export function publicAssetsDir(): string {
  const candidates = [path.resolve(__dirname, '../public'), path.resolve(__dirname, '../../../../../apps/publishing/src/public')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'site.css')));
  if (!found) throw new Error(`publishing: static files not found; looked in ${candidates.join(' and ')}`);
  return found;
}
