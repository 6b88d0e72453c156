import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { encodeAv1FragmentedMp4 } from '../../codecs/av1/ffmpeg-av1.js';
import { encodeHevcFragmentedMp4 } from '../../codecs/hevc/ffmpeg-hevc.js';
import { codecString } from '../../codecs/codec-string.js';
import { buildFlvVideo } from '../../formats/flv/build-flv-video.js';
import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { generateTestMedia } from '../../formats/mp4/test-media.js';
import { LiveChannel } from '../../live/live-channel.js';
import { ManualClock } from '../../model/time.js';
import type { Sample } from '../../model/sample.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import { SmoothIngestParser } from '../smooth/smooth-ingest-parser.js';
import type { SmoothFragmentEvent } from '../smooth/smooth-ingest-event.js';
import { MediaDispatcher } from './media-dispatcher.js';
import { RtmpPublishAdapter } from './rtmp-publish-adapter.js';
import { Fmp4ToFlv, type FlvMessage } from './testing/fmp4-to-flv.js';

// Real libx265 and libsvtav1 output (made by ffmpeg at test time) sent as Enhanced RTMP video
// tags, parsed by the server's dispatcher (parseFlvVideo) and turned into fragments by the adapter.

async function ingest(mp4: Uint8Array, options: { av1TemporalDelimiters?: boolean; enhancedAvc?: boolean } = {}) {
  const store = new MemoryFragmentStore();
  const log = pino({ level: 'silent' });
  const live = new LiveChannel({ name: 'ch', namespace: 'live-ch', store, clock: new ManualClock(1_700_000_000_000), log, keyFrameIntervalMs: 2000 });
  const adapter = new RtmpPublishAdapter(live, 'cam', log);
  const dispatcher = new MediaDispatcher(adapter);
  const parser = new SmoothIngestParser();
  const events = [...parser.push(mp4), ...parser.end()];
  const translator = new Fmp4ToFlv(options);
  const messages: FlvMessage[] = events.flatMap((e) => translator.translate(e));
  for (const m of messages) dispatcher.dispatch({ csid: 6, typeId: m.typeId, streamId: 1, timestamp: m.timestampMs, payload: m.body });
  adapter.onEnd('unpublished');
  await live.drain();
  const video = live.presentation({ ended: false }).tracks.find((t) => t.track.type === 'video')!;
  const stored: Sample[] = [];
  for (const e of video.entries) stored.push(...readFragment((await store.getFragment({ namespace: 'live-ch', trackId: video.track.id, decodeTime: e.decodeTime }))!).samples);
  const source = events.filter((e): e is SmoothFragmentEvent => e.kind === 'fragment').flatMap((e) => e.samples);
  const timescale = (events.find((e) => e.kind === 'header') as { tracks: { timescale: number }[] }).tracks[0].timescale;
  return { video, stored, source, timescale, messages };
}

test('HEVC over E-RTMP (hvc1 SequenceStart, CodedFrames with composition times): an h265 track sized from the SPS, every sample kept', async () => {
  // 6 s of 320x240 at 30 fps with key frames every 2 s; x265 ultrafast uses B-frames, so CTS ≠ 0.
  const mp4 = encodeHevcFragmentedMp4({ width: 320, height: 240, fps: 30, frames: 180, x265Params: 'keyint=60:min-keyint=60:scenecut=0' });
  const { video, stored, source, timescale, messages } = await ingest(mp4);
  // The wire form: ExHeader bit, key frame, SequenceStart, FourCC 'hvc1'.
  const sequenceStart = messages.find((m) => m.typeId === 9)!.body;
  assert.deepEqual([...sequenceStart.subarray(0, 5)], [0x90, 0x68, 0x76, 0x63, 0x31]);
  const c = video.track.codec;
  assert.equal(c.kind, 'h265');
  assert.deepEqual(c.kind === 'h265' && [c.width, c.height], [320, 240]);
  assert.match(codecString(c), /^hvc1\.1\.6\.L\d+/);
  assert.deepEqual(video.entries.map((e) => e.sequence), [0, 1, 2]);
  assert.equal(stored.length, source.length);
  assert.ok(stored.every((s, i) => Buffer.from(s.data).equals(source[i].data) && s.sync === source[i].sync));
  assert.ok(source.some((s) => s.compositionOffset !== 0), 'x265 made B-frames');
  assert.deepEqual(stored.map((s) => s.compositionOffset), source.map((s) => Math.round((s.compositionOffset * 1000) / timescale) * 90));
});

test('AV1 over E-RTMP (av01 SequenceStart with av1C, CodedFrames without CTS): temporal delimiters dropped, codec string from av1C', async () => {
  const mp4 = encodeAv1FragmentedMp4({ width: 320, height: 240, fps: 30, frames: 180, gop: 60 });
  const { video, stored, source, messages } = await ingest(mp4, { av1TemporalDelimiters: true });
  const frame = messages.filter((m) => m.typeId === 9)[1].body;
  // Key frame, CodedFrames, 'av01', then the temporal delimiter OBU as the publisher sent it.
  assert.deepEqual([...frame.subarray(0, 7)], [0x91, 0x61, 0x76, 0x30, 0x31, 0x12, 0x00]);
  const c = video.track.codec;
  assert.equal(c.kind, 'av1');
  assert.deepEqual(c.kind === 'av1' && [c.width, c.height, c.bitDepth], [320, 240, 8]);
  assert.match(codecString(c), /^av01\.0\.\d\dM\.08$/);
  assert.deepEqual(video.entries.map((e) => e.sequence), [0, 1, 2]);
  assert.equal(stored.length, source.length);
  assert.ok(stored.every((s, i) => Buffer.from(s.data).equals(source[i].data) && s.sync === source[i].sync && s.compositionOffset === 0));
});

test('H.264 with the E-RTMP avc1 ExVideoTagHeader is the same h264 track as legacy codec id 7', async () => {
  const m = generateTestMedia({ width: 320, height: 240, fps: 30, frames: 120, gop: 60, audioFrames: 4 });
  const log = pino({ level: 'silent' });
  const live = new LiveChannel({ name: 'ch', namespace: 'live-ch', store: new MemoryFragmentStore(), clock: new ManualClock(0), log, keyFrameIntervalMs: 2000 });
  const adapter = new RtmpPublishAdapter(live, 'cam', log);
  const dispatcher = new MediaDispatcher(adapter);
  const send = (ms: number, body: Uint8Array) => dispatcher.dispatch({ csid: 6, typeId: 9, streamId: 1, timestamp: ms, payload: body });
  send(0, buildFlvVideo({ kind: 'config', codec: 'avc', data: m.avcC }, { enhanced: true }));
  m.videoSamples.forEach((s, i) => send(Math.floor((i * 1000) / 30), buildFlvVideo({ kind: 'frame', codec: 'avc', keyframe: s.sync, compositionTime: 0, data: s.data }, { enhanced: true })));
  adapter.onEnd('unpublished');
  await live.drain();
  const video = live.presentation({ ended: false }).tracks[0];
  assert.equal(video.track.codec.kind, 'h264');
  assert.deepEqual(video.entries.map((e) => e.sequence), [0, 1]);
});
