// Runs the compiled tests with Node's test runner. Unit tests (dist/src) are independent and
// light, so two files run at once. End-to-end tests (dist/test) each start a server: those that
// run encoders or a browser (the heavy ones) run one at a time, so no verdict depends on sharing
// the two cores; those that only talk to the server (LIGHT_E2E below: API, CLI, restarts, paths,
// TLS, slow clients, dropped publishers replaying a file) run beside them in a second runner,
// one at a time too, their report printed after the heavy one's.
// Usage: node scripts/run-tests.mjs unit|e2e [--no-build]
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIGHT_E2E = [
  'api-crash-restart.test.js',
  'cli-flow.test.js',
  'server-lifecycle.test.js',
  'path-traversal.test.js',
  'publisher-faults.test.js',
  'slow-clients.test.js',
  'tls.test.js',
];

const [kind, ...flags] = process.argv.slice(2);
const roots = { unit: ['dist/src'], e2e: ['dist/test'] }[kind];
if (!roots) {
  process.stderr.write('usage: node scripts/run-tests.mjs unit|e2e [--no-build]\n');
  process.exit(2);
}
if (!flags.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

function testFiles(dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return testFiles(path);
      return name.endsWith('.test.js') ? [path] : [];
    })
    .sort();
}

/** Runs one node --test process; resolves with its exit code (and its output when captured). */
function runTests(files, concurrency, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const out = [];
    if (capture) {
      child.stdout.on('data', (c) => out.push(c));
      child.stderr.on('data', (c) => out.push(c));
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(out) }));
  });
}

const files = roots.flatMap(testFiles);
if (kind === 'unit') {
  process.exit((await runTests(files, 2, false)).code);
}
const light = files.filter((f) => LIGHT_E2E.some((name) => f.endsWith(`/${name}`)));
const unknown = LIGHT_E2E.filter((name) => !light.some((f) => f.endsWith(`/${name}`)));
if (unknown.length) {
  process.stderr.write(`run-tests: no test file named ${unknown.join(', ')} (LIGHT_E2E is out of date)\n`);
  process.exit(2);
}
const heavy = files.filter((f) => !light.includes(f));
const [heavyRun, lightRun] = await Promise.all([runTests(heavy, 1, false), light.length ? runTests(light, 1, true) : { code: 0, output: Buffer.alloc(0) }]);
process.stdout.write('\n--- end-to-end tests that ran beside the heavy ones ---\n');
process.stdout.write(lightRun.output);
process.exit(heavyRun.code !== 0 ? heavyRun.code : lightRun.code);
