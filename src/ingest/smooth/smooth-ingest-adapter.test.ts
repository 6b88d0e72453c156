import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { AacConfig, H264Config } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';
import { RecordingIngestTarget } from './recording-ingest-target.js';
import { SmoothIngestAdapter } from './smooth-ingest-adapter.js';
import type { SmoothIngestEvent, SmoothTrack } from './smooth-ingest-event.js';

const log = pino({ level: 'silent' });
const h264 = { kind: 'h264', avcC: new Uint8Array([1]), lengthSize: 4 } as unknown as H264Config;
const aac = (sampleRate: number) => ({ kind: 'aac', asc: new Uint8Array([0x12, 0x10]), sampleRate, samplesPerFrame: 1024 }) as unknown as AacConfig;
const header = (tracks: SmoothTrack[]): SmoothIngestEvent => ({ kind: 'header', tracks, ignored: [] });
const V = (timescale = 10_000_000): SmoothTrack => ({ trackId: 1, type: 'video', timescale, codec: h264, bitrate: 0, name: 'video', language: 'und' });
const A = (timescale = 10_000_000): SmoothTrack => ({ trackId: 2, type: 'audio', timescale, codec: aac(48000), bitrate: 96000, name: 'audio', language: 'en' });
const samples = (n: number, duration: number, gop = n): Sample[] =>
  Array.from({ length: n }, (_, i) => ({ duration, compositionOffset: 0, sync: i % gop === 0, data: new Uint8Array([i]) }));
const frag = (trackId: number, decodeTime: bigint, s: Sample[]): SmoothIngestEvent => ({ kind: 'fragment', trackId, decodeTime, duration: s.reduce((n, x) => n + x.duration, 0), samples: s });

test('tracks of one POST: distinct sources, one group, shared sequence numbers, audio priming trimmed at 0', () => {
  const target = new RecordingIngestTarget(0);
  const a = new SmoothIngestAdapter(target, 'cam', log);
  a.handle(header([V(), A()]));
  assert.deepEqual(target.requests.map((r) => [r.source, r.group, r.type, r.timescale, r.bitrate, r.language]), [
    ['cam_video', 'cam', 'video', 10_000_000, 0, undefined],
    ['cam_audio', 'cam', 'audio', 10_000_000, 96000, 'en'],
  ]);
  for (let i = 0; i < 3; i++) {
    a.handle(frag(1, BigInt(i) * 20_000_000n, samples(60, 333_333, 60)));
    a.handle(frag(2, i === 0 ? -213_333n : BigInt(i) * 20_000_000n + 53_333n, samples(94, 213_333)));
  }
  a.handle({ kind: 'end' });
  const video = target.of('video_cam_video');
  const audio = target.of('audio_cam_audio');
  assert.deepEqual(video.map((f) => [f.sequence, f.decodeTime]), [[0, 0n], [1, 20_000_000n], [2, 40_000_000n]]);
  // The first audio fragment began 213333 ticks before 0: its first frame is dropped.
  assert.deepEqual(audio.map((f) => [f.sequence, f.decodeTime, f.samples.length]), [[0, 0n, 93], [1, 20_053_333n, 94], [2, 40_053_333n, 94]]);
  // One encoder for the POST: joined once by its stream name, left once.
  assert.deepEqual(target.joins.map((j) => [j.source, j.encoder?.protocol, j.encoder?.role]), [['cam', 'fmp4', 'primary']]);
  assert.deepEqual(target.left, [`cam/${a.encoder.id}`]);
  assert.ok(target.encoderOf.every((id) => id === a.encoder.id));
});

test('the channel offset is added exactly in each track timescale (10 MHz, 90 kHz, 48 kHz; 44.1 kHz rounds once)', () => {
  for (const [timescale, offsetMs, expected] of [
    [10_000_000, 1234, 12_340_000n],
    [90_000, 1234, 111_060n],
    [48_000, 1234, 59_232n],
    [44_100, 1230, 54_243n],
    [44_100, 1234, 54_419n], // 54419.4 → nearest tick
  ] as const) {
    const target = new RecordingIngestTarget(offsetMs);
    const a = new SmoothIngestAdapter(target, 's', log);
    a.handle(header([{ ...A(timescale), codec: aac(timescale === 44_100 ? 44_100 : 48_000) } as SmoothTrack]));
    a.handle(frag(2, 1000n, samples(3, 1024)));
    a.handle(frag(2, 4072n, samples(3, 1024)));
    assert.deepEqual(target.fragments.map((f) => f.decodeTime), [1000n + expected, 4072n + expected], `${timescale} Hz, ${offsetMs} ms`);
    assert.equal(target.joins[0].firstTimestampMs, Math.round((1000 * 1000) / timescale));
  }
});

test('resent fragments are ignored, within a POST and across a reconnect; a restarted clock starts afresh', () => {
  const target = new RecordingIngestTarget(0);
  const first = new SmoothIngestAdapter(target, 'cam', log);
  first.handle(header([V()]));
  for (let i = 0; i < 4; i++) first.handle(frag(1, BigInt(i) * 20_000_000n, samples(60, 333_333, 60)));
  first.handle(frag(1, 60_000_000n, samples(60, 333_333, 60)));
  assert.equal(first.stats.resent, 1);
  first.end('connection lost');
  // The reconnect resends the last 2 fragments, then carries on.
  const second = new SmoothIngestAdapter(target, 'cam', log);
  second.handle(header([V()]));
  for (let i = 2; i < 20; i++) second.handle(frag(1, BigInt(i) * 20_000_000n, samples(60, 333_333, 60)));
  assert.equal(second.stats.resent, 2);
  assert.deepEqual(target.fragments.slice(0, 6).map((f) => [f.sequence, f.decodeTime / 10_000_000n]), [[0, 0n], [1, 2n], [2, 4n], [3, 6n], [4, 8n], [5, 10n]]);
  second.end('done');
  // An encoder that restarted at 0 is not a resend.
  const third = new SmoothIngestAdapter(target, 'cam', log);
  third.handle(header([V()]));
  third.handle(frag(1, 0n, samples(60, 333_333, 60)));
  assert.equal(third.stats.resent, 0);
  assert.equal(target.joins.length, 3);
});

test('primary and secondary POSTs are separate encoders: the channel places and de-duplicates them', () => {
  const target = new RecordingIngestTarget(0);
  const p = new SmoothIngestAdapter(target, 'cam', log);
  const s = new SmoothIngestAdapter(target, 'cam', log, { role: 'secondary' });
  p.handle(header([V()]));
  s.handle(header([V()]));
  for (let i = 0; i < 3; i++) {
    p.handle(frag(1, BigInt(i) * 20_000_000n, samples(60, 333_333, 60)));
    s.handle(frag(1, BigInt(i) * 20_000_000n, samples(60, 333_333, 60)));
  }
  p.end('primary gone');
  s.end('done');
  assert.deepEqual(target.joins.map((j) => j.encoder?.role), ['primary', 'secondary']);
  // Both deliver every fragment under the same track id and sequence numbers, each with its encoder id.
  assert.deepEqual(target.fragments.map((f) => [f.trackId, f.sequence]), [0, 0, 1, 1, 2, 2].map((n) => ['video_cam_video', n]));
  assert.deepEqual(new Set(target.encoderOf), new Set([p.encoder.id, s.encoder.id]));
});

test('a short fragment is kept back: listed when the POST goes on, handed over only after leaving when it ends', () => {
  // Records what was listed when the encoder left: the flush must come after the leave.
  class Target extends RecordingIngestTarget {
    listedAtLeave = -1;
    override leave(source: string, encoderId?: string): void {
      this.listedAtLeave = this.fragments.length;
      super.leave(source, encoderId);
    }
  }
  const target = new Target(0);
  const a = new SmoothIngestAdapter(target, 'cam', log);
  a.handle(header([V(), A()]));
  a.handle(frag(1, 0n, samples(60, 333_333, 60)));
  a.handle(frag(2, 0n, samples(94, 213_333)));
  // A genuinely short fragment (an extra key frame): held until the next one, then listed in order.
  a.handle(frag(1, 20_000_000n, samples(30, 333_333, 30)));
  assert.deepEqual(target.of('video_cam_video').map((f) => f.decodeTime), [0n]);
  a.handle(frag(1, 29_999_990n, samples(60, 333_333, 60)));
  assert.deepEqual(target.of('video_cam_video').map((f) => f.decodeTime), [0n, 20_000_000n, 29_999_990n]);
  // Audio one frame shorter than the previous fragment is not held (within fit-fragment's tolerance).
  a.handle(frag(2, 20_053_333n, samples(93, 213_333)));
  assert.equal(target.of('audio_cam_audio').length, 2);
  // The stop: ffmpeg flushes the fragments it has begun, cut short, then the body ends.
  a.handle(frag(1, 49_999_970n, samples(10, 333_333, 10)));
  a.handle(frag(2, 39_893_302n, samples(20, 213_333)));
  const before = target.fragments.length;
  a.handle({ kind: 'end' });
  assert.equal(target.listedAtLeave, before, 'the short fragments are handed over after the encoder left');
  assert.deepEqual(target.fragments.slice(before).map((f) => [f.trackId, f.samples.length]), [['video_cam_video', 10], ['audio_cam_audio', 20]]);
  assert.ok(target.encoderOf.every((id) => id === a.encoder.id));
});
