import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError, EXIT_CODES } from './cli-error.js';
import { optionFlag, optionList, optionString, parseArgs, parseWholeNumber, type OptionSpec } from './parse-args.js';

const SPECS: OptionSpec[] = [
  { name: 'protocol', value: 'P', help: '' },
  { name: 'ip-allow', value: 'CIDR', repeat: true, help: '' },
  { name: 'json', help: '' },
  { name: 'help', help: '' },
];

function usageFailure(argv: string[], mentions: string) {
  assert.throws(
    () => parseArgs(argv, SPECS),
    (err: unknown) => err instanceof CliError && err.exitCode === EXIT_CODES.usage && err.message.includes(mentions),
  );
}

test('parseArgs: positionals, --name value, --name=value and switches in any order', () => {
  const args = parseArgs(['ch1', '--protocol', 'fmp4', '--json', 'extra'], SPECS);
  assert.deepEqual(args.positionals, ['ch1', 'extra']);
  assert.equal(optionString(args, 'protocol'), 'fmp4');
  assert.equal(optionFlag(args, 'json'), true);
  assert.equal(optionString(parseArgs(['--protocol=rtmp'], SPECS), 'protocol'), 'rtmp');
});

test('parseArgs: a repeatable option collects every value, commas split too', () => {
  const args = parseArgs(['--ip-allow', '10.0.0.0/8', '--ip-allow=192.0.2.1,192.0.2.2'], SPECS);
  assert.deepEqual(optionList(args, 'ip-allow'), ['10.0.0.0/8', '192.0.2.1', '192.0.2.2']);
  assert.deepEqual(optionList(parseArgs([], SPECS), 'ip-allow'), []);
});

test('parseArgs: -h means --help and -- ends the options', () => {
  assert.equal(optionFlag(parseArgs(['-h'], SPECS), 'help'), true);
  assert.deepEqual(parseArgs(['--', '--json', 'x'], SPECS).positionals, ['--json', 'x']);
});

test('parseArgs: an = form value may start with dashes or be empty', () => {
  assert.equal(optionString(parseArgs(['--protocol=--odd'], SPECS), 'protocol'), '--odd');
  assert.equal(optionString(parseArgs(['--protocol='], SPECS), 'protocol'), '');
});

test('parseArgs refuses unknown options, missing values, values on switches, repeats', () => {
  usageFailure(['--protcol', 'x'], '--protcol');
  usageFailure(['-x'], '-x');
  usageFailure(['--protocol'], '--protocol needs a value');
  usageFailure(['--protocol', '--json'], '--protocol needs a value');
  usageFailure(['--json=yes'], '--json takes no value');
  usageFailure(['--protocol', 'a', '--protocol', 'b'], 'given twice');
});

test('parseWholeNumber accepts digits only', () => {
  assert.equal(parseWholeNumber('2000', '--n'), 2000);
  for (const bad of ['', '-1', '1.5', '2e3', 'abc', '12345678901']) {
    assert.throws(() => parseWholeNumber(bad, '--n'), (err: unknown) => err instanceof CliError && err.exitCode === EXIT_CODES.usage);
  }
});
