import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeAv1FragmentedMp4 } from '../../codecs/av1/ffmpeg-av1.js';
import type { Track } from '../../model/track.js';
import { readBoxes } from './box-reader.js';
import { readFragment } from './fragment-reader.js';
import { writeFragment } from './fragment-writer.js';
import { writeInitSegment } from './init-segment.js';
import { readMovieTracks } from './movie-tracks.js';

test('libsvtav1 samples behind our av01 init segment: the init segment reads back, ffprobe sees AV1 and ffmpeg decodes every frame', () => {
  const mp4 = encodeAv1FragmentedMp4({ width: 640, height: 360, fps: 30, frames: 60, gop: 30 });
  const boxes = readBoxes(mp4);
  const movie = readMovieTracks(boxes.find((b) => b.type === 'moov')!);
  const source = movie.tracks[0];
  assert.equal(source.sampleEntry, 'av01');
  assert.equal(source.codec?.kind, 'av1');
  // Every moof of ffmpeg's output, joined (their decode times are contiguous).
  const samples = readFragment(mp4, movie.defaults.get(source.trackId)).samples;
  assert.equal(samples.length, 60);
  assert.deepEqual(samples.map((s, i) => (s.sync ? i : -1)).filter((i) => i >= 0), [0, 30]);

  const scaled = samples.map((s) => ({ ...s, duration: Math.round((s.duration * 90000) / source.timescale) }));
  const track: Track = { id: 'video_av1', version: 0, type: 'video', codec: source.codec!, timescale: 90000, bitrate: 400000, group: 'g' };
  const init = writeInitSegment(track);
  // Our init segment round-trips through the reader to the same configuration.
  const reread = readMovieTracks(readBoxes(init).find((b) => b.type === 'moov')!).tracks[0];
  assert.equal(reread.sampleEntry, 'av01');
  assert.deepEqual(reread.codec, source.codec);

  const parts = [init];
  let t = 0n;
  [scaled.slice(0, 30), scaled.slice(30)].forEach((run, i) => {
    parts.push(writeFragment({ sequenceNumber: i + 1, decodeTime: t, samples: run, trackType: 'video' }));
    for (const s of run) t += BigInt(s.duration);
  });
  const dir = mkdtempSync(join(tmpdir(), 'av1-fmp4-'));
  try {
    const file = join(dir, 'v.mp4');
    writeFileSync(file, Buffer.concat(parts));
    const json = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,codec_tag_string,width,height', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'json', file]);
    const stream = (JSON.parse(json.toString()) as { streams: Record<string, unknown>[] }).streams[0];
    assert.deepEqual(stream, { codec_name: 'av1', codec_tag_string: 'av01', width: 640, height: 360, nb_read_frames: '60' });
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
    assert.equal(decode.status, 0, String(decode.stderr));
    assert.equal(String(decode.stderr), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
