import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../../model/sample.js';
import type { Track } from '../../model/track.js';
import { writeFragment } from './fragment-writer.js';
import { writeInitSegment } from './init-segment.js';
import { readFragment } from './fragment-reader.js';
import { generateTestMedia } from './test-media.js';

interface Probe {
  streams: { codec_name: string; width?: number; height?: number; sample_rate?: string; channels?: number }[];
  packets: { pts: number; dts: number; duration: number; flags: string }[];
}

/** Writes init + one fragment per sample run into a file; returns ffprobe's view and ffmpeg's decode status. */
function probe(track: Track, runs: Sample[][], firstDecodeTime: bigint): { probe: Probe; decode: ReturnType<typeof spawnSync> } {
  const dir = mkdtempSync(join(tmpdir(), 'fmp4-'));
  try {
    const parts = [writeInitSegment(track)];
    let t = firstDecodeTime;
    runs.forEach((samples, i) => {
      parts.push(writeFragment({ sequenceNumber: i + 1, decodeTime: t, samples, trackType: track.type }));
      for (const s of samples) t += BigInt(s.duration);
    });
    const file = join(dir, track.type === 'video' ? 'v.mp4' : 'a.mp4');
    writeFileSync(file, Buffer.concat(parts));
    const json = execFileSync('ffprobe', [
      '-v', 'error', '-show_entries', 'stream=codec_name,width,height,sample_rate,channels',
      '-show_entries', 'packet=pts,dts,duration,flags', '-of', 'json', file,
    ]).toString();
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
    return { probe: JSON.parse(json) as Probe, decode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectedPackets(runs: Sample[][], first: bigint, keyFlag: (s: Sample) => string) {
  let t = Number(first);
  return runs.flat().map((s) => {
    const p = { pts: t, dts: t, duration: s.duration, flags: keyFlag(s) };
    t += s.duration;
    return p;
  });
}

const media = generateTestMedia({ width: 854, height: 480, fps: 30, frames: 60, gop: 30, audioFrames: 94 });

test('ffprobe reads our H.264 init + two fragments exactly as written, and ffmpeg decodes them', () => {
  const v = media.videoSamples;
  assert.equal(v.length, 60);
  assert.deepEqual(v.map((s, i) => (s.sync ? i : -1)).filter((i) => i >= 0), [0, 30]);
  const runs = [v.slice(0, 30), v.slice(30)];
  const start = 900_000n; // 10 s: the tfdt, not zero, must come through
  const { probe: p, decode } = probe(media.videoTrack, runs, start);
  assert.deepEqual(p.streams, [{ codec_name: 'h264', width: 854, height: 480 }]);
  assert.deepEqual(p.packets, expectedPackets(runs, start, (s) => (s.sync ? 'K_' : '__')));
  assert.equal(decode.status, 0, String(decode.stderr));
  assert.equal(String(decode.stderr), '');
});

test('ffprobe reads our AAC init + two fragments exactly as written, and ffmpeg decodes them', () => {
  const a = media.audioSamples;
  assert.equal(a.length, 94);
  const runs = [a.slice(0, 47), a.slice(47)];
  const start = 480_000n;
  const { probe: p, decode } = probe(media.audioTrack, runs, start);
  assert.deepEqual(p.streams, [{ codec_name: 'aac', sample_rate: '48000', channels: 2 }]);
  // ffprobe 5.1 leaves the first AAC packet's duration unset for any fragmented MP4, ffmpeg's own
  // `-movflags empty_moov+default_base_moof` output included: it comes from stream probing, not
  // from the file. Every other field of every packet must match.
  const expected = expectedPackets(runs, start, () => 'K_');
  assert.deepEqual({ ...p.packets[0], duration: 1024 }, expected[0]);
  assert.deepEqual(p.packets.slice(1), expected.slice(1));
  assert.equal(decode.status, 0, String(decode.stderr));
  assert.equal(String(decode.stderr), '');
});

test('the ffmpeg ASC with its sync extension (11 90 56 E5 00) goes into esds verbatim and decodes', () => {
  const asc = Uint8Array.of(0x11, 0x90, 0x56, 0xe5, 0x00);
  const track: Track = { ...media.audioTrack, codec: { ...media.audioTrack.codec, asc } as Track['codec'] };
  const runs = [media.audioSamples.slice(0, 10)];
  const { probe: p, decode } = probe(track, runs, 0n);
  assert.deepEqual(p.streams, [{ codec_name: 'aac', sample_rate: '48000', channels: 2 }]);
  assert.equal(p.packets.length, 10);
  assert.equal(decode.status, 0, String(decode.stderr));
});

test('readFragment returns the real samples writeFragment was given', () => {
  for (const [samples, trackType] of [[media.videoSamples.slice(0, 30), 'video'], [media.audioSamples, 'audio']] as const) {
    const bytes = writeFragment({ sequenceNumber: 9, decodeTime: 2n ** 33n, samples, trackType });
    assert.deepEqual(readFragment(bytes), { sequenceNumber: 9, decodeTime: 2n ** 33n, samples });
  }
});
