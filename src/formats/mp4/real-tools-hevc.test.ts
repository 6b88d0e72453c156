import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeHevcFragmentedMp4 } from '../../codecs/hevc/ffmpeg-hevc.js';
import type { Track } from '../../model/track.js';
import { readBoxes } from './box-reader.js';
import { readFragment } from './fragment-reader.js';
import { writeFragment } from './fragment-writer.js';
import { writeInitSegment } from './init-segment.js';
import { readMovieTracks } from './movie-tracks.js';

interface Probe {
  streams: { codec_name: string; codec_tag_string: string; profile: string; width: number; height: number }[];
  packets: { pts: number; dts: number; flags: string }[];
}

test('libx265 samples behind our hvc1 init segment: ffprobe reads them as written and ffmpeg decodes them', () => {
  // 60 frames, key frames every 30 (two fragments from ffmpeg), no B-frames so that PTS = DTS.
  const mp4 = encodeHevcFragmentedMp4({ width: 640, height: 360, fps: 30, frames: 60, x265Params: 'bframes=0:keyint=30:min-keyint=30:scenecut=0' });
  const boxes = readBoxes(mp4);
  const moov = boxes.find((b) => b.type === 'moov')!;
  const movie = readMovieTracks(moov);
  const source = movie.tracks[0];
  assert.equal(source.sampleEntry, 'hvc1');
  assert.equal(source.codec?.kind, 'h265');
  const firstMoof = boxes.find((b) => b.type === 'moof')!;
  const samples = readFragment(mp4.subarray(firstMoof.start), movie.defaults.get(source.trackId)).samples;
  assert.equal(samples.length, 60);
  assert.deepEqual(samples.map((s, i) => (s.sync ? i : -1)).filter((i) => i >= 0), [0, 30]);

  // Our timescale is 90 kHz, ffmpeg's is 15360 here: rescale the durations.
  const scaled = samples.map((s) => ({ ...s, duration: Math.round((s.duration * 90000) / source.timescale) }));
  const track: Track = { id: 'video_hevc', version: 0, type: 'video', codec: source.codec!, timescale: 90000, bitrate: 500000, group: 'g' };
  const start = 900_000n;
  const runs = [scaled.slice(0, 30), scaled.slice(30)];
  const parts = [writeInitSegment(track)];
  let t = start;
  runs.forEach((run, i) => {
    parts.push(writeFragment({ sequenceNumber: i + 1, decodeTime: t, samples: run, trackType: 'video' }));
    for (const s of run) t += BigInt(s.duration);
  });

  const dir = mkdtempSync(join(tmpdir(), 'hevc-fmp4-'));
  try {
    const file = join(dir, 'v.mp4');
    writeFileSync(file, Buffer.concat(parts));
    const json = execFileSync('ffprobe', [
      '-v', 'error', '-show_entries', 'stream=codec_name,codec_tag_string,profile,width,height',
      '-show_entries', 'packet=pts,dts,flags', '-of', 'json', file,
    ]).toString();
    const p = JSON.parse(json) as Probe;
    assert.deepEqual(p.streams, [{ codec_name: 'hevc', codec_tag_string: 'hvc1', profile: 'Main', width: 640, height: 360 }]);
    let dts = Number(start);
    const expected = scaled.map((s) => {
      const packet = { pts: dts, dts, flags: s.sync ? 'K_' : '__' };
      dts += s.duration;
      return packet;
    });
    assert.deepEqual(p.packets, expected);
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
    assert.equal(decode.status, 0, String(decode.stderr));
    assert.equal(String(decode.stderr), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
