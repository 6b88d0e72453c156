import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from './cli-error.js';
import { resolveApiKey, resolveServer } from './resolve-connection.js';

test('resolveServer: flag over environment over default, trailing slash and /api/v1 dropped', () => {
  assert.equal(resolveServer({}, {}), 'http://localhost:8080');
  assert.equal(resolveServer({}, { TRIBUTARY_SERVER: 'http://a:1/' }), 'http://a:1');
  assert.equal(resolveServer({ server: 'https://b/api/v1' }, { TRIBUTARY_SERVER: 'http://a:1' }), 'https://b');
  assert.throws(() => resolveServer({ server: 'ftp://x' }, {}), (err: unknown) => err instanceof CliError && err.exitCode === 2 && err.message.includes('--server'));
  assert.throws(() => resolveServer({}, { TRIBUTARY_SERVER: 'nope' }), (err: unknown) => err instanceof CliError && err.message.includes('TRIBUTARY_SERVER'));
});

test('resolveApiKey: flag over environment, each named as the source', () => {
  assert.deepEqual(resolveApiKey({ apiKey: 'flag' }, { TRIBUTARY_API_KEY: 'env' }, '/'), { apiKey: 'flag', apiKeySource: '--api-key' });
  assert.deepEqual(resolveApiKey({}, { TRIBUTARY_API_KEY: 'env' }, '/'), { apiKey: 'env', apiKeySource: 'TRIBUTARY_API_KEY' });
});

test('resolveApiKey: TRIBUTARY_DATA_DIR is where the key file is looked for', () => {
  assert.throws(
    () => resolveApiKey({}, { TRIBUTARY_DATA_DIR: '/nonexistent-tributary' }, '/'),
    (err: unknown) => err instanceof CliError && err.exitCode === 4 && err.message.includes('/nonexistent-tributary/api-key'),
  );
});
