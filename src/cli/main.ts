#!/usr/bin/env node
import { RESOURCES } from './resources.js';
import { runResourceCommand } from './run-resource-command.js';
import { SERVE_USAGE } from './serve-usage.js';
import { resourcesUsage } from './usage-text.js';

const USAGE = `${SERVE_USAGE}\n${resourcesUsage(RESOURCES)}`;

/**
 * `tributary serve` runs the server (loaded only then); every other command is an API client
 * that never loads the server or the catalog.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'serve') {
    const { runServe } = await import('./serve-command.js');
    return runServe(rest);
  }
  return runResourceCommand(argv, RESOURCES, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`tributary: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
