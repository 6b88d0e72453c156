import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ensureApiKey } from './ensure-api-key.js';

const root = mkdtempSync(join(tmpdir(), 'tributary-key-'));
process.once('exit', () => rmSync(root, { recursive: true, force: true }));
const tmp = () => mkdtempSync(join(root, 'k-'));

test('ensureApiKey: a configured key is used as is and no file is written', () => {
  const dataDir = join(tmp(), 'data');
  assert.deepEqual(ensureApiKey({ apiKey: 'x'.repeat(20), dataDir }), { apiKey: 'x'.repeat(20), generated: false });
});

test('ensureApiKey: generates once into <dataDir>/api-key with mode 0600, then reuses it', () => {
  const dataDir = join(tmp(), 'nested', 'data');
  const first = ensureApiKey({ dataDir });
  assert.equal(first.generated, true);
  assert.match(first.apiKey, /^[0-9a-f]{64}$/);
  assert.equal(first.path, join(dataDir, 'api-key'));
  assert.equal(statSync(first.path).mode & 0o777, 0o600);
  assert.equal(readFileSync(first.path, 'utf8').trim(), first.apiKey);
  const second = ensureApiKey({ dataDir });
  assert.deepEqual(second, { apiKey: first.apiKey, generated: false, path: first.path });
});

test('ensureApiKey: an empty key file is replaced', () => {
  const dataDir = tmp();
  writeFileSync(join(dataDir, 'api-key'), '\n');
  const result = ensureApiKey({ dataDir });
  assert.equal(result.generated, true);
  assert.match(result.apiKey, /^[0-9a-f]{64}$/);
});
