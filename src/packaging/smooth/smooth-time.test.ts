import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromSmoothTime, smoothDuration, toSmoothTime } from './smooth-time.js';

test('10 MHz times map back to exactly one track time, for the usual timescales', () => {
  for (const timescale of [1000, 44100, 48000, 90000, 10_000_000]) {
    for (const t of [0n, 1n, 2n, 1023n, 95232n, 123456789n, 2n ** 40n + 7n]) {
      assert.equal(fromSmoothTime(toSmoothTime(t, timescale), timescale), t, `${t} at ${timescale}`);
    }
  }
  // 1 tick at 90 kHz is 111.1 ticks at 10 MHz: times in between name no fragment.
  assert.equal(toSmoothTime(1n, 90000), 111n);
  assert.equal(fromSmoothTime(112n, 90000), undefined);
});

test('durations come from rounded absolute ends, so consecutive spans tile', () => {
  let t = 0n;
  let sum = 0;
  for (let i = 0; i < 300; i++) {
    sum += smoothDuration(t, 1024, 48000);
    t += 1024n;
  }
  assert.equal(BigInt(sum), toSmoothTime(t, 48000));
  assert.equal(smoothDuration(0n, 1024, 48000), 213333);
  assert.equal(smoothDuration(1024n, 1024, 48000), 213334);
});
