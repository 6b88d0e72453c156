// The long fuzz run (issue 7): every parser target of fuzz-targets.ts for --runs inputs, with
// timings and heap before/after; a failing input is shrunk by fast-check and written to
// test/fuzz/regressions/, which fuzz.test.ts replays on every test run.
// Usage: node --expose-gc dist/src/fuzz/run-fuzz.js [--runs 1000000] [--target name] [--seed n]
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../../test/golden/golden-file.js';
import { inputToJson } from './fuzz-input-json.js';
import { FUZZ_TARGETS } from './fuzz-targets.js';
import { seedCorpus } from './seed-corpus.js';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** A command-line report: one line to stdout. */
const say = (line: string) => process.stdout.write(`${line}\n`);

const runs = Number(option('runs') ?? 100_000);
const only = option('target');
const seed = option('seed') === undefined ? Date.now() % 2 ** 31 : Number(option('seed'));
const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const corpus = await seedCorpus();
let failed = 0;
say(`fuzz: ${runs} inputs per target, seed ${seed}${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
say('target               inputs     seconds   inputs/s   max ms/input   heap MiB before → after');
for (const target of FUZZ_TARGETS.filter((t) => only === undefined || t.name === only)) {
  let slowest = 0;
  // A warm-up first: fast-check builds its generators' tables once (tens of MiB for binary
  // strings); the heap is compared from there, so what remains is what the parser kept.
  fc.check(fc.property(target.input(corpus), (input) => target.run(input)), { numRuns: 1000, seed: seed + 1 });
  const before = heapMiB();
  const started = performance.now();
  const result = fc.check(
    fc.property(target.input(corpus), (input) => {
      const t0 = performance.now();
      target.run(input);
      slowest = Math.max(slowest, performance.now() - t0);
    }),
    { numRuns: runs, seed },
  );
  const seconds = (performance.now() - started) / 1000;
  const after = heapMiB();
  say(
    `${target.name.padEnd(20)} ${String(result.numRuns).padStart(9)} ${seconds.toFixed(1).padStart(9)} ${Math.round(result.numRuns / seconds).toString().padStart(10)} ${slowest.toFixed(2).padStart(14)}   ${before.toFixed(1)} → ${after.toFixed(1)}`,
  );
  if (result.failed) {
    failed++;
    const input = result.counterexample![0];
    const json = inputToJson(input);
    const dir = join(repoRoot(), 'test', 'fuzz', 'regressions');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${target.name}-${createHash('sha256').update(json).digest('hex').slice(0, 12)}.json`);
    writeFileSync(file, json);
    say(`  FAILED: ${String(result.errorInstance)}\n  shrunk input written to ${file} (replay: seed ${result.seed}, path ${result.counterexamplePath})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
