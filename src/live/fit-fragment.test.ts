import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fragment } from '../model/fragment.js';
import { fitFragment } from './fit-fragment.js';

const frag = (decodeTime: bigint, durations: number[], trackVersion = 0): Fragment => ({
  trackId: 't',
  trackVersion,
  sequence: 1,
  decodeTime,
  discontinuity: false,
  samples: durations.map((duration, i) => ({ duration, compositionOffset: 0, sync: i === 0, data: new Uint8Array(1) })),
});
const video = (end: bigint | undefined, lastVersion = 0) => ({ end, lastVersion, type: 'video' as const, timescale: 90000 });
const audio = (end: bigint | undefined) => ({ end, lastVersion: 0, type: 'audio' as const, timescale: 48000 });

test('the first fragment of a track is appended as it is', () => {
  assert.deepEqual(fitFragment(frag(900n, [3000]), video(undefined)), { kind: 'append', fragment: frag(900n, [3000]), discontinuity: false, shiftedBy: 0n });
});

test('a fragment starting at the end continues; within 50 ms of it, it is moved onto the end', () => {
  const exact = fitFragment(frag(180000n, [3000]), video(180000n));
  assert.ok(exact.kind === 'append' && !exact.discontinuity && exact.shiftedBy === 0n);
  const late = fitFragment(frag(180000n + 4000n, [3000]), video(180000n));
  assert.ok(late.kind === 'append' && !late.discontinuity && late.fragment.decodeTime === 180000n && late.shiftedBy === -4000n);
  const early = fitFragment(frag(180000n - 4000n, [3000]), video(180000n));
  assert.ok(early.kind === 'append' && early.fragment.decodeTime === 180000n && early.shiftedBy === 4000n);
});

test('video that starts well before the end is a duplicate; well after it, a discontinuity', () => {
  assert.deepEqual(fitFragment(frag(0n, [3000]), video(180000n)), { kind: 'duplicate' });
  const gap = fitFragment(frag(900000n, [3000]), video(180000n));
  assert.ok(gap.kind === 'append' && gap.discontinuity && gap.fragment.decodeTime === 900000n);
});

test('overlapping audio keeps only the samples past the end, moved onto it', () => {
  // Ends at 10240; the other encoder's fragment starts 5 frames earlier, off by 100 ticks.
  const f = fitFragment(frag(10240n - 5n * 1024n + 100n, [1024, 1024, 1024, 1024, 1024, 1024, 1024]), audio(10240n));
  assert.ok(f.kind === 'append');
  assert.equal(f.fragment.samples.length, 2);
  assert.equal(f.fragment.decodeTime, 10240n);
  assert.equal(f.discontinuity, false);
  assert.deepEqual(fitFragment(frag(0n, [1024, 1024]), audio(10240n)), { kind: 'duplicate' });
});

test('a new track version is a discontinuity even when contiguous', () => {
  const f = fitFragment(frag(180000n, [3000], 1), video(180000n, 0));
  assert.ok(f.kind === 'append' && f.discontinuity);
});
