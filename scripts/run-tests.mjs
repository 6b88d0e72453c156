// Runs the compiled tests with Node's test runner. Unit tests (dist/src) are independent and
// light, so two files run at once; end-to-end tests (dist/test) each start a server, encoders
// and a browser, so they run one at a time and no verdict depends on sharing the two cores.
// Usage: node scripts/run-tests.mjs unit|e2e [--no-build]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

const files = roots.flatMap(testFiles);
const concurrency = kind === 'unit' ? '2' : '1';
const run = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
