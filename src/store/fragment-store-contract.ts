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

  test(`${name}: a linked fragment has the same bytes and outlives the original`, async () => {
    const s = await make();
    const from = { namespace: 'live-ch', trackId: 'v', decodeTime: 180000n };
    const to = { namespace: 'asset-a', trackId: 'v', decodeTime: 180000n };
    await s.putFragment(from, bytes(9, 7));
    await s.linkFragment(from, to);
    await s.deleteFragment(from);
    assert.deepEqual(await s.getFragment(to), bytes(9, 7));
    assert.equal(await s.fragmentSize(to), 9);
    assert.equal(await s.fragmentSize(from), undefined);
    await assert.rejects(s.linkFragment(from, { ...to, decodeTime: 1n }), 'linking a missing fragment fails');
  });

  test(`${name}: fragments of a track are listed by decode time`, async () => {
    const s = await make();
    for (const t of [0n, 90000n, 2n ** 60n]) await s.putFragment({ namespace: 'asset-a', trackId: 'v', decodeTime: t }, bytes(1, 1));
    await s.putFragment({ namespace: 'asset-a', trackId: 'w', decodeTime: 5n }, bytes(1, 1));
    await s.putInit({ namespace: 'asset-a', trackId: 'v', version: 0 }, bytes(1, 1));
    await s.putDocument({ namespace: 'asset-a', trackId: 'v', name: 'timeline.jsonl' }, 'x');
    const listed = (await s.listFragments('asset-a', 'v')).sort((a, b) => (a < b ? -1 : 1));
    assert.deepEqual(listed, [0n, 90000n, 2n ** 60n]);
    assert.deepEqual(await s.listFragments('asset-a', 'none'), []);
  });

  test(`${name}: documents are replaced whole, appended to, and go with their namespace`, async () => {
    const s = await make();
    const doc = { namespace: 'asset-a', name: 'asset.json' };
    const journal = { namespace: 'asset-a', trackId: 'v', name: 'timeline.jsonl' };
    assert.equal(await s.getDocument(doc), undefined);
    await s.putDocument(doc, '{"a":1}');
    await s.putDocument(doc, '{"a":2}');
    assert.equal(await s.getDocument(doc), '{"a":2}');
    await s.appendDocument(journal, 'one\n');
    await s.appendDocument(journal, 'two\n');
    assert.equal(await s.getDocument(journal), 'one\ntwo\n');
    assert.equal(await s.getDocument({ ...journal, trackId: 'w' }), undefined);
    assert.ok((await s.listNamespaces()).includes('asset-a'));
    assert.equal(await s.removeTemporaries('asset-a'), 0, 'completed writes leave no temporaries');
    await s.deleteNamespace('asset-a');
    assert.equal(await s.getDocument(doc), undefined);
    assert.equal(await s.getDocument(journal), undefined);
    assert.ok(!(await s.listNamespaces()).includes('asset-a'));
  });
}
