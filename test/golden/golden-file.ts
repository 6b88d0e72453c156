/**
 * Golden-file comparison for packagers (ARCHITECTURE house rule 4): with UPDATE_GOLDEN=1 the
 * file is rewritten and the diff is reviewed in git; otherwise the text must match exactly.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding package.json, found upward from this (compiled) file. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Compares `actual` with test/golden/<relative>, or rewrites it when UPDATE_GOLDEN=1. */
export function assertGolden(relative: string, actual: string): void {
  const file = join(repoRoot(), 'test', 'golden', relative);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${relative} is missing; run with UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from golden file ${relative}`);
}
