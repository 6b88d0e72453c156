import assert from 'node:assert/strict';
import { test } from 'node:test';
import { livePresentation } from '../../../test/golden/presentation-fixtures.js';
import { resolveSmoothFragment } from './resolve-smooth-fragment.js';

const p = livePresentation();

test('(bitrate, StreamIndex name, 10 MHz time) picks the QualityLevel track and the entry, with its lookahead', () => {
  const target = resolveSmoothFragment(p, 1500000, 'video', 220000000n);
  assert.ok(target);
  assert.equal(target.presentationTrack.track.id, 'video_480');
  assert.equal(target.decodeTime, 1980000n);
  assert.equal(target.timescale, 90000);
  assert.deepEqual(target.lookahead, [{ time: 2160000n, duration: 180000 }, { time: 2340000n, duration: 180000 }]);
  // The newest fragment (held back from the manifest) is served, with an empty lookahead.
  assert.deepEqual(resolveSmoothFragment(p, 1500000, 'video', 280000000n)?.lookahead, []);
  assert.equal(resolveSmoothFragment(p, 128000, 'audio_720', 200000000n)?.presentationTrack.track.id, 'audio_720');
});

test('a track id also works as the name (a player may hold names from an older manifest)', () => {
  assert.equal(resolveSmoothFragment(p, 800000, 'video_360', 200000000n)?.presentationTrack.track.id, 'video_360');
});

test('unknown bitrate, name or time, or a time no fragment starts at: undefined (404)', () => {
  assert.equal(resolveSmoothFragment(p, 1234, 'video', 200000000n), undefined);
  assert.equal(resolveSmoothFragment(p, 3000000, 'audio_720', 200000000n), undefined);
  assert.equal(resolveSmoothFragment(p, 3000000, 'nope', 200000000n), undefined);
  assert.equal(resolveSmoothFragment(p, 3000000, 'video', 200000001n), undefined);
  assert.equal(resolveSmoothFragment(p, 3000000, 'video', 300000000n), undefined);
});
