import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TributaryError } from '../util/errors.js';
import { ApiKeyStore } from './api-key-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-key-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const FIRST = 'a'.repeat(64);

test('the key file: rotate replaces it (mode 0600) and the new key is in force at once', () => {
  const path = join(dir, 'rotate');
  writeFileSync(path, `${FIRST}\n`, { mode: 0o600 });
  const store = new ApiKeyStore(FIRST, { kind: 'file', path });
  const next = store.rotate();
  assert.match(next, /^[0-9a-f]{64}$/);
  assert.equal(store.current(), next);
  assert.equal(readFileSync(path, 'utf8'), `${next}\n`);
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('a key file rewritten from outside is picked up within a second; a half-written one is not', () => {
  const path = join(dir, 'outside');
  writeFileSync(path, `${FIRST}\n`);
  let now = 0;
  const store = new ApiKeyStore(FIRST, { kind: 'file', path }, () => now);
  assert.equal(store.current(), FIRST);
  writeFileSync(path, '');
  now += 1000;
  assert.equal(store.current(), FIRST, 'an empty file keeps the key in force');
  const second = 'b'.repeat(40);
  writeFileSync(path, `${second}\n`);
  now += 500;
  assert.equal(store.current(), FIRST, 'not looked at again within the second');
  now += 500;
  assert.equal(store.current(), second);
});

test('a configured key cannot be rotated; a memory one can', () => {
  const fixed = new ApiKeyStore(FIRST, { kind: 'configured' });
  assert.throws(() => fixed.rotate(), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_API_KEY_CONFIGURED');
  assert.equal(fixed.current(), FIRST);
  const memory = new ApiKeyStore(FIRST, { kind: 'memory' });
  assert.notEqual(memory.rotate(), FIRST);
});
