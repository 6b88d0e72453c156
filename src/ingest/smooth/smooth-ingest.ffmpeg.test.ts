import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { pino } from 'pino';
import { codecString } from '../../codecs/codec-string.js';
import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { writeFragment } from '../../formats/mp4/fragment-writer.js';
import { LiveChannel } from '../../live/live-channel.js';
import { ManualClock } from '../../model/time.js';
import { MemoryFragmentStore } from '../../store/memory-fragment-store.js';
import type { IngestTarget } from '../ingest-target.js';
import { handleSmoothPost, sendSmoothResult, type SmoothPostOptions, type SmoothPostResult } from './handle-smooth-post.js';
import { RecordingIngestTarget } from './recording-ingest-target.js';
import { registerSmoothIngest } from './register-smooth-ingest.js';
import type { SmoothFragmentEvent, SmoothHeaderEvent, SmoothIngestEvent } from './smooth-ingest-event.js';
import { SmoothIngestParser } from './smooth-ingest-parser.js';
import { concat, fragment, ftyp, moov } from './smooth-test-stream.js';

// Real ffmpeg 5.1 `-f ismv` live ingest POSTs into a node:http server whose handler is
// handleSmoothPost (formats.md §2.1, §7.2), plus the handler's edge cases over real sockets.
const run = promisify(execFile);
const log = pino({ level: 'silent' });
const TOKEN = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'smooth-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Server {
  url: string;
  results: SmoothPostResult[];
  bodies: Uint8Array[];
  close(): Promise<void>;
}

async function serve(resolveTarget: (channel: string, token: string) => IngestTarget | undefined, limits: SmoothPostOptions['limits'] = {}): Promise<Server> {
  const results: SmoothPostResult[] = [];
  const bodies: Uint8Array[] = [];
  const options: SmoothPostOptions = {
    resolve: (channel, token) => {
      if (token !== TOKEN) return { ok: false, status: 403, reason: 'wrong token' };
      const target = resolveTarget(channel, token);
      return target ? { ok: true, target, log } : { ok: false, status: 404, reason: 'no such channel' };
    },
    limits,
    log,
    onChunk: (c) => chunks.push(Buffer.from(c)),
  };
  let chunks: Buffer[] = [];
  // requestTimeout 0: a live POST lasts as long as the event (node's default is 300 s).
  const server = http.createServer({ requestTimeout: 0 }, (req, res) => {
    void handleSmoothPost(req, options).then((r) => {
      results.push(r);
      bodies.push(new Uint8Array(Buffer.concat(chunks)));
      chunks = [];
      sendSmoothResult(res, r);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    results,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const LAVFI = ['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000'];
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p'];
const AAC = ['-c:a', 'aac', '-b:a', '96k', '-ar', '48000'];
const ISMV = ['-movflags', 'isml+frag_keyframe', '-f', 'ismv'];
const ffmpeg = (args: string[]) => run('ffmpeg', ['-v', 'error', '-nostdin', ...args], { maxBuffer: 16 << 20 });

function parse(body: Uint8Array): SmoothIngestEvent[] {
  const p = new SmoothIngestParser();
  const events: SmoothIngestEvent[] = [];
  for (let i = 0; i < body.length; i += 1500) events.push(...p.push(body.subarray(i, i + 1500)));
  return [...events, ...p.end()];
}
const fragmentsOf = (events: SmoothIngestEvent[], trackId: number) => events.filter((e): e is SmoothFragmentEvent => e.kind === 'fragment' && e.trackId === trackId);

const single = { target: new RecordingIngestTarget(0), server: undefined as Server | undefined };
const multi = { target: new RecordingIngestTarget(0), server: undefined as Server | undefined };
const bframes = { target: new RecordingIngestTarget(0), server: undefined as Server | undefined };
const live = { channel: undefined as LiveChannel | undefined, server: undefined as Server | undefined };

before(async () => {
  const mp4 = join(dir, 'bframes.mp4');
  await ffmpeg([...LAVFI, '-t', '6', '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', ...AAC, '-y', mp4]);
  single.server = await serve(() => single.target);
  multi.server = await serve(() => multi.target);
  bframes.server = await serve(() => bframes.target);
  live.channel = new LiveChannel({ name: 'ch', namespace: 'live-ch', store: new MemoryFragmentStore(), clock: new ManualClock(1_700_000_000_000), log, keyFrameIntervalMs: 2000 });
  live.server = await serve((channel) => (channel === 'ch' ? live.channel : undefined));
  const path = (s: Server, name: string) => `${s.url}/ingest/ch/${TOKEN}/ingest.isml/Streams(${name})`;
  // The four publishes run at once: each takes 6 s of real time (-re).
  await Promise.all([
    ffmpeg(['-re', ...LAVFI, '-t', '6', ...X264, ...AAC, ...ISMV, path(single.server, 'cam')]),
    ffmpeg([
      '-re', ...LAVFI, '-t', '6', '-filter_complex', '[0:v]split=2[a][b];[b]scale=320:180[bs]', '-map', '[a]', '-map', '[bs]', '-map', '1:a',
      ...X264, '-b:v:0', '1500k', '-b:v:1', '400k', ...AAC, '-ac', '2', ...ISMV, path(multi.server, 'enc1'),
    ]),
    ffmpeg(['-re', '-i', mp4, '-c', 'copy', ...ISMV, path(bframes.server, 'copy')]),
    ffmpeg(['-re', ...LAVFI, '-t', '6', ...X264, ...AAC, ...ISMV, path(live.server, 'cam')]),
  ]);
});

after(async () => {
  for (const s of [single.server, multi.server, bframes.server, live.server]) await s?.close();
});

test('ffmpeg ismv, one POST: H.264 640x360 + AAC at 10 MHz, 2 s fragments in order, aligned sequence numbers', () => {
  assert.deepEqual(single.server!.results, [{ status: 200, body: '', close: false }]);
  const events = parse(single.server!.bodies[0]);
  const h = events[0] as SmoothHeaderEvent;
  assert.equal(h.kind, 'header');
  const [v, a] = h.tracks;
  assert.match(codecString(v.codec), /^avc1\.[0-9a-f]{6}$/);
  assert.equal(codecString(a.codec), 'mp4a.40.2');
  assert.equal(v.codec.kind === 'h264' && `${v.codec.width}x${v.codec.height}`, '640x360');
  assert.deepEqual([v.timescale, a.timescale, v.name, a.name, a.bitrate], [10_000_000, 10_000_000, 'video', 'audio', 96_000]);
  const video = fragmentsOf(events, v.trackId);
  const audio = fragmentsOf(events, a.trackId);
  assert.deepEqual(video.map((f) => [f.decodeTime, f.duration, f.samples.length, f.samples[0].sync]), [0n, 20_000_000n, 40_000_000n].map((t) => [t, 20_000_000, 60, true]));
  // ffmpeg's first AAC fragment starts at −213333 (the priming), written as a u64.
  assert.equal(audio[0].decodeTime, -213_333n);
  for (let i = 1; i < audio.length; i++) assert.equal(audio[i].decodeTime, audio[i - 1].decodeTime + BigInt(audio[i - 1].duration));
  assert.equal(events[events.length - 1].kind, 'end');

  const t = single.target;
  const vf = t.of('video_cam_video');
  const af = t.of('audio_cam_audio');
  assert.deepEqual(vf.map((f) => f.sequence), [0, 1, 2]);
  assert.deepEqual(af.map((f) => f.sequence), [0, 1, 2]);
  assert.equal(af[0].decodeTime, 0n, 'the priming frame before media time 0 is dropped');
  assert.equal(af[0].samples.length, audio[0].samples.length - 1);
  // The adapter's fragments survive the origin's own CMAF writer and reader.
  for (const f of [...vf, ...af]) {
    const bytes = writeFragment({ sequenceNumber: f.sequence + 1, decodeTime: f.decodeTime, samples: f.samples, trackType: f.trackId.startsWith('video') ? 'video' : 'audio' });
    const back = readFragment(bytes);
    assert.equal(back.decodeTime, f.decodeTime);
    assert.deepEqual(back.samples, f.samples);
  }
});

test('ffmpeg ismv, two video tracks and audio in one POST: distinct tracks, one group, shared sequence numbers', () => {
  assert.equal(multi.server!.results[0].status, 200);
  const t = multi.target;
  assert.deepEqual(t.requests.map((r) => [r.source, r.group, r.type, r.bitrate]), [
    ['enc1_video1', 'enc1', 'video', 1_500_000],
    ['enc1_video2', 'enc1', 'video', 400_000],
    ['enc1_audio', 'enc1', 'audio', 96_000],
  ]);
  const sizes = t.requests.map((r) => (r.codec.kind === 'h264' ? `${r.codec.width}x${r.codec.height}` : r.codec.kind));
  assert.deepEqual(sizes, ['640x360', '320x180', 'aac']);
  for (const id of ['video_enc1_video1', 'video_enc1_video2', 'audio_enc1_audio']) assert.deepEqual(t.of(id).map((f) => f.sequence), [0, 1, 2], id);
  assert.deepEqual(t.of('video_enc1_video2').map((f) => f.decodeTime), [0n, 20_000_000n, 40_000_000n]);
  assert.equal(t.joins.length, 1);
});

test('ffmpeg -c copy from an MP4 with B-frames: negative audio tfxd, signed composition offsets', () => {
  assert.equal(bframes.server!.results[0].status, 200);
  const events = parse(bframes.server!.bodies[0]);
  const h = events[0] as SmoothHeaderEvent;
  const v = h.tracks.find((x) => x.type === 'video')!;
  const a = h.tracks.find((x) => x.type === 'audio')!;
  const audio = fragmentsOf(events, a.trackId);
  const video = fragmentsOf(events, v.trackId);
  assert.ok(audio[0].decodeTime < 0n, `first audio time ${audio[0].decodeTime}`);
  assert.ok(video.some((f) => f.samples.some((s) => s.compositionOffset !== 0)), 'B-frames have composition offsets');
  assert.ok(video.every((f) => f.samples[0].sync));
  const total = video.reduce((n, f) => n + f.samples.length, 0);
  assert.equal(total, 180);
  // What the adapter handed on starts at or after 0 and keeps every video sample.
  const vf = bframes.target.fragments.filter((f) => f.trackId.startsWith('video'));
  assert.ok(bframes.target.fragments.every((f) => f.decodeTime >= 0n));
  assert.ok(vf.reduce((n, f) => n + f.samples.length, 0) >= total - 2);
});

test('ffmpeg ismv into a real LiveChannel: video and audio tracks with aligned sequence numbers', async () => {
  assert.equal(live.server!.results[0].status, 200);
  await live.channel!.drain();
  const p = live.channel!.presentation({ ended: false });
  const video = p.tracks.find((t) => t.track.type === 'video')!;
  const audio = p.tracks.find((t) => t.track.type === 'audio')!;
  assert.equal(video.track.id, 'video_cam_video');
  assert.equal(audio.track.id, 'audio_cam_audio');
  assert.equal(video.track.timescale, 10_000_000);
  assert.deepEqual(video.entries.map((e) => e.sequence), [0, 1, 2]);
  assert.deepEqual(audio.entries.map((e) => e.sequence), [0, 1, 2]);
  assert.deepEqual(video.entries.map((e) => e.duration), [20_000_000, 20_000_000, 20_000_000]);
});

/** A raw POST over a socket; `chunks` are sent with chunked encoding, with pauses between them. */
function post(url: string, o: { chunks?: Uint8Array[]; contentLength0?: boolean; pauseMs?: number; stall?: boolean }): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: o.contentLength0 ? { 'content-length': '0' } : { 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
    });
    // The server closes after an error answer: a write racing that close may fail after the response.
    req.on('error', (err) => setTimeout(() => reject(err), 200));
    if (o.contentLength0) return void req.end();
    void (async () => {
      for (const c of o.chunks ?? []) {
        if (req.destroyed) return;
        req.write(c);
        await new Promise((r) => setTimeout(r, o.pauseMs ?? 0));
      }
      if (!o.stall) req.end();
    })();
  });
}

test('the handler: probes, refusals, malformed bodies, idle timeout, over real sockets', async () => {
  const target = new RecordingIngestTarget(0);
  const s = await serve((channel) => (channel === 'ch' ? target : undefined), { idleTimeoutMs: 300 });
  try {
    const at = (channel: string, token: string) => `${s.url}/ingest/${channel}/${token}/ingest.isml/Streams(cam)`;
    assert.equal((await post(at('ch', TOKEN), { contentLength0: true })).status, 200);
    assert.equal((await post(at('ch', 'f'.repeat(32)), { contentLength0: true })).status, 403);
    assert.equal((await post(at('nope', TOKEN), { contentLength0: true })).status, 404);
    assert.equal((await post(`${s.url}/ingest/ch/${TOKEN}/other`, { contentLength0: true })).status, 404);
    const garbage = await post(at('ch', TOKEN), { chunks: [new TextEncoder().encode('this is not an mp4 stream at all')], stall: true });
    assert.equal(garbage.status, 400);
    assert.match(garbage.body, /no ISO BMFF box|starts with/);
    assert.equal(garbage.connection, 'close');
    const huge = await post(at('ch', TOKEN), { chunks: [concat(ftyp(), new Uint8Array([0x7f, 0, 0, 0, 0x6d, 0x6f, 0x6f, 0x76])), new Uint8Array(65536)], stall: true });
    assert.equal(huge.status, 400);
    assert.match(huge.body, /'moov' box at offset 24 is 2130706432 bytes; the limit is 1048576/);
    const idle = await post(at('ch', TOKEN), { chunks: [ftyp()], stall: true });
    assert.equal(idle.status, 408);
    assert.match(idle.body, /no data for 300 ms/);
    // A whole stream, sent in small chunks with pauses, then the same stream again (a reconnect resend).
    const { generateTestMedia } = await import('../../formats/mp4/test-media.js');
    const m = generateTestMedia({ width: 320, height: 240, fps: 30, frames: 60, gop: 60, audioFrames: 10 });
    const stream = concat(
      ftyp(),
      moov([{ trackId: 1, timescale: 90_000, codec: m.videoTrack.codec as never }]),
      fragment(1, [{ trackId: 1, time: 0n, samples: m.videoSamples }]),
    );
    const pieces = Array.from({ length: Math.ceil(stream.length / 4096) }, (_, i) => stream.subarray(i * 4096, (i + 1) * 4096));
    assert.equal((await post(at('ch', TOKEN), { chunks: pieces, pauseMs: 1 })).status, 200);
    assert.equal((await post(at('ch', TOKEN), { chunks: [stream] })).status, 200);
    assert.equal(target.fragments.length, 1);
    assert.equal(target.fragments[0].samples.length, 60);
  } finally {
    await s.close();
  }
});

test('registerSmoothIngest mounts the handler on fastify without touching the app’s other parsers', async () => {
  const target = new RecordingIngestTarget(0);
  const app = Fastify();
  registerSmoothIngest(app, { resolve: (channel, token) => (token === TOKEN ? { ok: true, target, log } : { ok: false, status: 403, reason: 'no' }), log });
  app.post('/api/echo', async (request) => request.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await post(`${base}/ingest/ch/${TOKEN}/ingest.isml/Streams(cam)`, { contentLength0: true })).status, 200);
    assert.equal((await post(`${base}/ingest/ch/${'x'.repeat(20)}/ingest.isml/Streams(cam)`, { contentLength0: true })).status, 403);
    await ffmpeg([...LAVFI, '-t', '2.5', ...X264, ...AAC, ...ISMV, `${base}/ingest/ch/${TOKEN}/ingest.isml/Streams(fy)`]);
    assert.deepEqual(target.of('video_fy_video').map((f) => f.decodeTime), [0n, 20_000_000n]);
    const echo = await app.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } });
    assert.deepEqual(echo.json(), { a: 1 });
  } finally {
    await app.close();
  }
});
