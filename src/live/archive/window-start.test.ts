import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import type { Track } from '../../model/track.js';
import { AAC_LC_48K_STEREO_ASC, testH264Config } from '../testing/test-codecs.js';
import { TrackTimeline } from '../track-timeline.js';
import { windowStartSequence } from './window-start.js';

const video = (id: string): Track => ({ id, version: 0, type: 'video', codec: testH264Config('360p'), timescale: 90000, bitrate: 600_000, group: 'cam' });
const audio: Track = { id: 'audio', version: 0, type: 'audio', codec: aacConfigFromAsc(AAC_LC_48K_STEREO_ASC), timescale: 48000, bitrate: 96_000, group: 'cam' };

/** `count` fragments from sequence `first`, each starting at `starts(sequence)` and ending where the next starts. */
function timeline(track: Track, first: number, count: number, starts: (sequence: number) => number): TrackTimeline {
  const t = new TrackTimeline(track);
  for (let s = first; s < first + count; s++) {
    t.append({ decodeTime: BigInt(starts(s)), duration: starts(s + 1) - starts(s), sequence: s, trackVersion: 0, discontinuity: false, byteLength: 1 });
  }
  return t;
}

/** 2 s video cuts at 90 kHz; audio at 48 kHz starts each cut on the nearest 1024-sample frame. */
const videoStart = (s: number) => s * 180000;
const audioStart = (s: number) => Math.round((s * 96000) / 1024) * 1024;

test('the window starts at a video cut, and the audio of that cut is kept though it starts half a frame earlier', () => {
  // 10 cuts (0..9) end at 20 s on video, at 20.0107 s on audio. A 14 s window reaches back to 6 s: cut 3.
  const v = timeline(video('v'), 0, 10, videoStart);
  const a = timeline(audio, 0, 10, audioStart);
  assert.equal(audioStart(10), 960512, 'the audio edge is past the video edge');
  assert.equal(audioStart(3), 287744, 'cut 3 of the audio starts 5.3 ms before 6 s');
  assert.equal(windowStartSequence([v, a], 14000), 3);
  // Any shorter window starts at the next cut.
  assert.equal(windowStartSequence([v, a], 13999), 4);
});

test('a rendition that stopped delivering does not hold the window back', () => {
  const live = timeline(video('v720'), 0, 200, videoStart);
  const stopped = timeline(video('v360'), 0, 20, videoStart);
  assert.equal(windowStartSequence([live, stopped], 300_000), 50);
});

test('without video the audio measures the window', () => {
  const a = timeline(audio, 0, 200, audioStart);
  // Ends at 400 s; cut 50 starts at 100.0107 s, cut 49 at 97.9947 s.
  assert.equal(windowStartSequence([a], 300_000), 50);
  assert.equal(windowStartSequence([a], 302_006), 49);
  assert.equal(windowStartSequence([], 300_000), undefined);
});
