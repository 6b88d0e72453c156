import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FragmentStore } from './fragment-store.js';

/** The one contract every FragmentStore implementation runs (ARCHITECTURE house rule 5). */
export function fragmentStoreContract(name: string, make: () => Promise<FragmentStore>): void {
  const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

  test(`${name}: init segments are kept per track version`, async () => {
    const s = await make();
    await s.putInit({ namespace: 'ch1', trackId: 'video_720', version: 0 }, bytes(10, 1));
    await s.putInit({ namespace: 'ch1', trackId: 'video_720', version: 1 }, bytes(12, 2));
    assert.deepEqual(await s.getInit({ namespace: 'ch1', trackId: 'video_720', version: 0 }), bytes(10, 1));
    assert.deepEqual(await s.getInit({ namespace: 'ch1', trackId: 'video_720', version: 1 }), bytes(12, 2));
    assert.equal(await s.getInit({ namespace: 'ch1', trackId: 'video_720', version: 2 }), undefined);
  });

  test(`${name}: fragments are addressed by decode time, including times past 2^53`, async () => {
    const s = await make();
    const big = 2n ** 60n + 7n;
    await s.putFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 0n }, bytes(5, 3));
    await s.putFragment({ namespace: 'ch1', trackId: 'a', decodeTime: big }, bytes(6, 4));
    assert.deepEqual(await s.getFragment({ namespace: 'ch1', trackId: 'a', decodeTime: big }), bytes(6, 4));
    assert.deepEqual(await s.getFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 0n }), bytes(5, 3));
    assert.equal(await s.getFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 1n }), undefined);
    assert.equal(await s.getFragment({ namespace: 'ch2', trackId: 'a', decodeTime: 0n }), undefined);
  });

  test(`${name}: a rewrite replaces, delete removes, deleting twice is fine`, async () => {
    const s = await make();
    const key = { namespace: 'ch1', trackId: 'a', decodeTime: 9n };
    await s.putFragment(key, bytes(5, 1));
    await s.putFragment(key, bytes(7, 2));
    assert.deepEqual(await s.getFragment(key), bytes(7, 2));
    await s.deleteFragment(key);
    await s.deleteFragment(key);
    assert.equal(await s.getFragment(key), undefined);
  });

  test(`${name}: deleting a namespace removes only that namespace`, async () => {
    const s = await make();
    await s.putFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 1n }, bytes(1, 1));
    await s.putInit({ namespace: 'ch1', trackId: 'a', version: 0 }, bytes(1, 1));
    await s.putFragment({ namespace: 'ch10', trackId: 'a', decodeTime: 1n }, bytes(1, 2));
    await s.deleteNamespace('ch1');
    assert.equal(await s.getFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 1n }), undefined);
    assert.equal(await s.getInit({ namespace: 'ch1', trackId: 'a', version: 0 }), undefined);
    assert.deepEqual(await s.getFragment({ namespace: 'ch10', trackId: 'a', decodeTime: 1n }), bytes(1, 2));
    await s.putFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 2n }, bytes(1, 5));
    assert.deepEqual(await s.getFragment({ namespace: 'ch1', trackId: 'a', decodeTime: 2n }), bytes(1, 5));
  });
}
