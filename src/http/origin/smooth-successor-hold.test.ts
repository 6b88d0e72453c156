import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdForSuccessor } from './smooth-successor-hold.js';

test('a ready answer is served at once, without a refresh', async () => {
  let refreshes = 0;
  const v = await holdForSuccessor({ initial: 1, ready: () => true, refresh: async () => ++refreshes, maxWaitMs: 1000, pollMs: 5 });
  assert.equal(v, 1);
  assert.equal(refreshes, 0);
});

test('the hold ends as soon as a refreshed answer is ready (a successor arrived)', async () => {
  let n = 0;
  const v = await holdForSuccessor({ initial: 0, ready: (x) => x >= 3, refresh: async () => ++n, maxWaitMs: 1000, pollMs: 5 });
  assert.equal(v, 3);
});

test('after maxWaitMs the last answer is served even if not ready (the encoder may have stopped)', async () => {
  let n = 0;
  const v = await holdForSuccessor({ initial: 0, ready: () => false, refresh: async () => ++n, maxWaitMs: 20, pollMs: 5 });
  assert.equal(v, 4);
});
