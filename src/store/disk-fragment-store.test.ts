import assert from 'node:assert/strict';
import { mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
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

test('DiskFragmentStore links share one copy of the bytes on disk (a hard link)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'trib-store-'));
  const s = new DiskFragmentStore(root);
  const from = { namespace: 'live-ch', trackId: 'v', decodeTime: 7n };
  await s.putFragment(from, new Uint8Array(100));
  await s.linkFragment(from, { namespace: 'asset-a', trackId: 'v', decodeTime: 7n });
  const a = await stat(join(root, 'live-ch', 'v', '7.m4s'));
  const b = await stat(join(root, 'asset-a', 'v', '7.m4s'));
  assert.equal(a.ino, b.ino);
  assert.equal(a.nlink, 2);
});

test('DiskFragmentStore removes the temporaries an interrupted write left, and nothing else', async () => {
  const root = await mkdtemp(join(tmpdir(), 'trib-store-'));
  const s = new DiskFragmentStore(root);
  await s.putFragment({ namespace: 'asset-a', trackId: 'v', decodeTime: 1n }, new Uint8Array(3));
  await s.putDocument({ namespace: 'asset-a', name: 'asset.json' }, '{}');
  // What a SIGKILL between open() and rename() leaves behind.
  await writeFile(join(root, 'asset-a', 'v', '.2.m4s.123.0.tmp'), new Uint8Array(1));
  await writeFile(join(root, 'asset-a', '.asset.json.123.1.tmp'), '{');
  assert.equal(await s.removeTemporaries('asset-a'), 2);
  assert.deepEqual((await readdir(join(root, 'asset-a', 'v'))).sort(), ['1.m4s']);
  assert.deepEqual((await readdir(join(root, 'asset-a'))).sort(), ['asset.json', 'v']);
  assert.deepEqual(await s.listFragments('asset-a', 'v'), [1n]);
});
