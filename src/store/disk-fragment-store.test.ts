import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiskFragmentStore } from './disk-fragment-store.js';
import { fragmentStoreContract } from './fragment-store-contract.js';

fragmentStoreContract('DiskFragmentStore', async () => new DiskFragmentStore(await mkdtemp(join(tmpdir(), 'trib-store-'))));

test('DiskFragmentStore leaves no temporary files and refuses keys that leave its root', async () => {
  const root = await mkdtemp(join(tmpdir(), 'trib-store-'));
  const s = new DiskFragmentStore(root);
  await s.putFragment({ namespace: 'ch', trackId: 'v', decodeTime: 42n }, new Uint8Array(3));
  assert.deepEqual(await readdir(join(root, 'ch', 'v')), ['42.m4s']);
  await assert.rejects(s.getFragment({ namespace: '..', trackId: 'v', decodeTime: 1n }), /unsafe/);
  await assert.rejects(s.putInit({ namespace: 'ch', trackId: '../x', version: 0 }, new Uint8Array(1)), /unsafe/);
});
