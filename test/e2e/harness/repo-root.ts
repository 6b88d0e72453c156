// Tests run compiled from dist/test/..., so paths to node_modules and fixtures are resolved from
// the repository root (the nearest ancestor holding package.json), never from the working directory.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function findRepoRoot(startFile: string = fileURLToPath(import.meta.url)): string {
  if (cached !== undefined) return cached;
  let dir = dirname(startFile);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${startFile}`);
    dir = parent;
  }
}
