import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SegmentClock } from './segment-clock.js';

const s = (n: number) => BigInt(Math.round(n * 90_000));

test('nearestCut: a remembered cut, or the next one the cadence predicts, within the distance given', () => {
  const clock = new SegmentClock(2000);
  assert.equal(clock.nearestCut(s(1), s(0.5)), undefined);
  clock.decide(undefined, s(20));
  assert.equal(clock.nearestCut(s(21.9), s(0.5)), undefined, 'one cut: no cadence yet');
  clock.decide(s(20), s(22));
  assert.equal(clock.nearestCut(s(21.8), s(0.5)), s(22));
  // A restarted encoder's first key frame arrives just before the running one cuts at 24 s.
  assert.equal(clock.nearestCut(s(23.8), s(0.5)), s(24));
  assert.equal(clock.nearestCut(s(24.4), s(0.5)), s(24));
  assert.equal(clock.nearestCut(s(23), s(0.5)), undefined, 'between cuts: none near');
  // Only one step ahead: the cadence says nothing about what comes after the next cut.
  assert.equal(clock.nearestCut(s(26), s(0.5)), undefined);
});
