import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fragment } from '../model/fragment.js';
import { AudioFragmenter } from './audio-fragmenter.js';
import { SegmentClock } from './segment-clock.js';
import { VideoFragmenter } from './video-fragmenter.js';

/** 30 fps video at 90 kHz in RTMP-style integer milliseconds, a key frame every `gop` frames. */
function videoFrames(count: number, gop: number, startMs = 0) {
  return Array.from({ length: count }, (_, i) => ({
    decodeTime: BigInt(startMs + Math.floor((i * 1000) / 30)) * 90n,
    compositionOffset: 0,
    sync: i % gop === 0,
    data: new Uint8Array([i & 0xff]),
  }));
}

function videoRendition(clock: SegmentClock, id: string, out: Fragment[], onCut?: (t: bigint, s: number) => void) {
  return new VideoFragmenter({ trackId: id, timescale: 90000, clock, emit: (f) => out.push(f), onCut });
}

test('renditions with aligned key frames cut at the same times and share sequence numbers', () => {
  const clock = new SegmentClock(2000);
  const outs: Fragment[][] = [[], [], []];
  const fr = outs.map((o, i) => videoRendition(clock, `v${i}`, o));
  for (const f of videoFrames(300, 60)) for (const x of fr) x.push(f);
  fr.forEach((x) => x.flush());
  for (const o of outs) {
    assert.deepEqual(o.map((f) => f.sequence), [0, 1, 2, 3, 4]);
    assert.deepEqual(o.map((f) => f.decodeTime), [0n, 180000n, 360000n, 540000n, 720000n]);
    assert.ok(o.every((f) => f.samples[0].sync && f.samples.length === 60));
  }
  // Durations come from the next frame's decode time: 33 or 34 ms at 90 kHz, summing to 2 s.
  assert.equal(outs[0][1].samples.reduce((n, s) => n + s.duration, 0), 180000);
});

test('a rendition that joins late falls into step with the others', () => {
  const clock = new SegmentClock(2000);
  const early: Fragment[] = [];
  const late: Fragment[] = [];
  const a = videoRendition(clock, 'a', early);
  const b = videoRendition(clock, 'b', late);
  // One-second GOPs, two-second target: the late one starts on an odd key frame.
  const frames = videoFrames(300, 30);
  frames.forEach((f, i) => {
    a.push(f);
    if (i >= 30) b.push(f);
  });
  a.flush();
  b.flush();
  const cutsA = early.map((f) => f.decodeTime);
  const cutsB = late.map((f) => f.decodeTime);
  assert.deepEqual(cutsA, [0n, 180000n, 360000n, 540000n, 720000n]);
  // b joins at 1 s, waits for the next shared cut, then cuts where a cuts, with a's numbers.
  assert.deepEqual(cutsB, [180000n, 360000n, 540000n, 720000n]);
  assert.deepEqual(late.map((f) => f.sequence), early.slice(1).map((f) => f.sequence));
});

test('key frames that arrive a little early still cut (jittery 29.97 fps encoders)', () => {
  const clock = new SegmentClock(2000);
  const out: Fragment[] = [];
  const v = videoRendition(clock, 'v', out);
  for (const ms of [0, 1999, 4001, 5998]) {
    for (let k = 0; k < 59; k++) v.push({ decodeTime: BigInt(ms + k * 33) * 90n, compositionOffset: 0, sync: k === 0, data: new Uint8Array(1) });
  }
  v.flush();
  assert.deepEqual(out.map((f) => f.decodeTime / 90n), [0n, 1999n, 4001n, 5998n]);
});

test('audio follows its video cuts even when it arrives ahead of or behind the video', () => {
  const clock = new SegmentClock(2000);
  const vOut: Fragment[] = [];
  const aOut: Fragment[] = [];
  const audio = new AudioFragmenter({ trackId: 'a', timescale: 48000, frameDuration: 1024, clock, emit: (f) => aOut.push(f) });
  const video = videoRendition(clock, 'v', vOut, (t, s) => audio.followCut(t, s));
  const vf = videoFrames(240, 60);
  const audioFrame = (i: number) => ({ decodeTime: BigInt(i * 1024), compositionOffset: 0, sync: true, data: new Uint8Array(2) });
  // Audio runs ~300 ms ahead of video for the first half, then ~300 ms behind.
  let ai = 0;
  for (let i = 0; i < vf.length; i++) {
    const lead = i < 120 ? 0.3 : -0.3;
    while ((ai * 1024) / 48000 < (i * 1) / 30 + lead) audio.push(audioFrame(ai++));
    video.push(vf[i]);
  }
  video.flush();
  audio.flush();
  assert.deepEqual(vOut.map((f) => f.sequence), [0, 1, 2, 3]);
  assert.deepEqual(aOut.map((f) => f.sequence), [0, 1, 2, 3]);
  for (let k = 1; k < 4; k++) {
    // Each audio fragment starts at the first audio frame at or after its video cut (±½ frame).
    const cutSeconds = Number(vOut[k].decodeTime) / 90000;
    const audioSeconds = Number(aOut[k].decodeTime) / 48000;
    assert.ok(Math.abs(audioSeconds - cutSeconds) <= 512 / 48000 + 1e-9, `fragment ${k}: audio ${audioSeconds} vs video ${cutSeconds}`);
  }
  // Nothing lost or duplicated between the audio fragments.
  const all = aOut.flatMap((f) => f.samples);
  const start = Number(aOut[0].decodeTime) / 1024;
  assert.equal(all.length, ai - start);
});

test('audio without video cuts itself at the target duration', () => {
  const clock = new SegmentClock(2000);
  const out: Fragment[] = [];
  const audio = new AudioFragmenter({ trackId: 'a', timescale: 48000, frameDuration: 1024, clock, emit: (f) => out.push(f) });
  audio.leadAlone();
  for (let i = 0; i < 300; i++) audio.push({ decodeTime: BigInt(i * 1024), compositionOffset: 0, sync: true, data: new Uint8Array(1) });
  audio.flush();
  assert.deepEqual(out.map((f) => f.sequence), [0, 1, 2, 3]);
  assert.equal(out.reduce((n, f) => n + f.samples.length, 0), 300);
  assert.ok(out.slice(0, 3).every((f) => Math.abs(f.samples.length * 1024 - 96000) <= 1024 * 4));
});

test('video frames whose decode time goes backwards are dropped, not stored out of order', () => {
  const clock = new SegmentClock(2000);
  const out: Fragment[] = [];
  const v = videoRendition(clock, 'v', out);
  const frames = videoFrames(90, 60);
  for (const f of frames) v.push(f);
  assert.equal(v.push({ ...frames[10] }), false);
  v.flush();
  const times = out.flatMap((f) => f.samples.map((s) => s.duration));
  assert.ok(times.every((d) => d > 0));
  assert.equal(out.reduce((n, f) => n + f.samples.length, 0), 90);
});
