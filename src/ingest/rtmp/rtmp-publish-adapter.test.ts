import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { pino } from 'pino';
import { generateTestMedia, type TestMedia } from '../../formats/mp4/test-media.js';
import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { LiveChannel } from '../../live/live-channel.js';
import { ManualClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { RtmpPublishAdapter } from './rtmp-publish-adapter.js';

// Real x264 and AAC access units (made by ffmpeg at test time) replayed as RTMP would deliver
// them, through the adapter into a live channel with a memory store and a hand-moved clock.
let small: TestMedia;
let larger: TestMedia;
before(() => {
  small = generateTestMedia({ width: 320, height: 240, fps: 30, frames: 180, gop: 60, audioFrames: 290 });
  larger = generateTestMedia({ width: 640, height: 360, fps: 30, frames: 120, gop: 60, audioFrames: 10 });
});

function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const store = new MemoryFragmentStore();
  const log = pino({ level: 'silent' });
  const live = new LiveChannel({ name: 'ch', namespace: 'live-ch', store, clock, log, keyFrameIntervalMs: 2000 });
  return { clock, store, live, adapter: (source: string) => new RtmpPublishAdapter(live, source, log) };
}

/** Feeds video frames and the audio frames due by each video frame's time, like an interleaving muxer. */
function feed(a: RtmpPublishAdapter, m: TestMedia, o: { startMs: number; videoFrom?: number; videoTo?: number; withAudio?: boolean }) {
  const from = o.videoFrom ?? 0;
  const to = o.videoTo ?? m.videoSamples.length;
  let audio = Math.floor((from * 1000) / 30 / (1024 / 48));
  for (let i = from; i < to; i++) {
    const ms = o.startMs + Math.floor((i * 1000) / 30);
    while (o.withAudio !== false && audio < m.audioSamples.length && o.startMs + Math.floor((audio * 1024 * 1000) / 48000) <= ms) {
      a.onAudio(o.startMs + Math.floor((audio * 1024 * 1000) / 48000), { kind: 'frame', codec: 'aac', data: m.audioSamples[audio].data });
      audio++;
    }
    const s = m.videoSamples[i];
    a.onVideo(ms, { kind: 'frame', codec: 'avc', keyframe: s.sync, compositionTime: 0, data: s.data });
  }
}

test('an RTMP publish becomes aligned CMAF fragments with codec details from the SPS and the ASC', async () => {
  const { live, store, adapter } = setup();
  const a = adapter('video720');
  a.onMetadata({ width: 320, height: 240, framerate: 30, videodatarate: 500, audiodatarate: 64, videocodecid: 7 });
  a.onVideo(0, { kind: 'config', codec: 'avc', data: small.avcC });
  a.onAudio(0, { kind: 'config', codec: 'aac', data: small.asc });
  feed(a, small, { startMs: 0 });
  a.onEnd('unpublished');
  await live.drain();
  const p = live.presentation({ ended: false });
  const video = p.tracks.find((t) => t.track.id === 'video_video720')!;
  const audio = p.tracks.find((t) => t.track.id === 'audio_video720')!;
  assert.equal(video.track.codec.kind === 'h264' && `${video.track.codec.width}x${video.track.codec.height}`, '320x240');
  assert.equal(video.track.bitrate, 500_000);
  assert.deepEqual(video.entries.map((e) => [e.sequence, e.decodeTime]), [[0, 0n], [1, 180000n], [2, 360000n]]);
  // Durations come from the next frame's time; the very last frame, flushed at unpublish, takes
  // its predecessor's (33 ms instead of 34 ms at 30 fps in integer milliseconds).
  assert.deepEqual(video.entries.map((e) => e.duration), [180000, 180000, 180000 - 90]);
  assert.deepEqual(audio.entries.map((e) => e.sequence), [0, 1, 2]);
  // Audio durations come from sample counts: every sample is exactly 1024 ticks at 48 kHz.
  const bytes = await store.getFragment({ namespace: 'live-ch', trackId: 'audio_video720', decodeTime: audio.entries[1].decodeTime });
  assert.ok(readFragment(bytes!).samples.every((s) => s.duration === 1024));
  assert.ok(audio.entries.every((e) => e.duration % 1024 === 0));
});

test('sequence headers that arrive late: frames before them are dropped, the rest is kept', async () => {
  const { live, adapter } = setup();
  const a = adapter('cam');
  // Video frames before the AVC sequence header, audio before the AAC sequence header.
  feed(a, small, { startMs: 0, videoTo: 30 });
  a.onVideo(1000, { kind: 'config', codec: 'avc', data: small.avcC });
  feed(a, small, { startMs: 0, videoFrom: 30, videoTo: 60, withAudio: false });
  a.onAudio(2000, { kind: 'config', codec: 'aac', data: small.asc });
  feed(a, small, { startMs: 0, videoFrom: 60 });
  a.onEnd('unpublished');
  await live.drain();
  const p = live.presentation({ ended: false });
  const video = p.tracks.find((t) => t.track.type === 'video')!;
  // The first key frame after the header is at 2 s (frame 60).
  assert.equal(video.entries[0].decodeTime, 180000n);
  assert.ok(p.tracks.some((t) => t.track.type === 'audio' && t.entries.length > 0));
});

test('a sequence header that changes mid-stream starts a new track version with a discontinuity', async () => {
  const { live, store, adapter } = setup();
  const a = adapter('cam');
  a.onVideo(0, { kind: 'config', codec: 'avc', data: small.avcC });
  feed(a, small, { startMs: 0, videoTo: 120, withAudio: false });
  a.onVideo(4000, { kind: 'config', codec: 'avc', data: larger.avcC });
  feed(a, larger, { startMs: 4000, withAudio: false });
  a.onEnd('unpublished');
  await live.drain();
  const video = live.presentation({ ended: false }).tracks[0];
  assert.deepEqual(video.entries.map((e) => [e.trackVersion, e.discontinuity]), [[0, false], [0, false], [1, true], [1, false]]);
  assert.equal(video.track.codec.kind === 'h264' && video.track.codec.width, 640);
  assert.ok(await store.getInit({ namespace: 'live-ch', trackId: video.track.id, version: 0 }));
  assert.ok(await store.getInit({ namespace: 'live-ch', trackId: video.track.id, version: 1 }));
});

test('renditions of one encoder share fragment boundaries and sequence numbers', async () => {
  const { live, adapter } = setup();
  const renditions = ['r720', 'r480', 'r360'].map((n) => adapter(n));
  for (const r of renditions) r.onVideo(0, { kind: 'config', codec: 'avc', data: small.avcC });
  // Interleave the three connections frame by frame, as one ffmpeg process sends them.
  for (let i = 0; i < small.videoSamples.length; i++) {
    for (const r of renditions) feed(r, small, { startMs: 0, videoFrom: i, videoTo: i + 1, withAudio: false });
  }
  for (const r of renditions) r.onEnd('unpublished');
  await live.drain();
  const tracks = live.presentation({ ended: false }).tracks;
  assert.equal(tracks.length, 3);
  const shapes = tracks.map((t) => JSON.stringify(t.entries.map((e) => [e.sequence, String(e.decodeTime)])));
  assert.equal(new Set(shapes).size, 1, shapes.join('\n'));
});
