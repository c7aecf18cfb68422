import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether this code runs from source (tests) or from dist/ (npm start). */
export function findWorkspaceRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${from}`);
  }
}

export const WORKSPACE_ROOT = findWorkspaceRoot();
