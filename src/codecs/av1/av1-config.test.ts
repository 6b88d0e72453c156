import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boxPayload, childBoxes, findPath, requireBox } from '../../formats/mp4/box-reader.js';
import { TributaryError } from '../../util/errors.js';
import { codecString } from '../codec-string.js';
import { av1ConfigFromAv1C } from './av1-config.js';
import { encodeAv1FragmentedMp4, type Av1EncodeOptions } from './ffmpeg-av1.js';
import { OBU_SEQUENCE_HEADER, OBU_TEMPORAL_DELIMITER, splitObus, withoutTemporalDelimiters } from './obu.js';

/** The av1C payload of the first sample entry of an MP4 made by ffmpeg. */
function av1COf(mp4: Uint8Array): Uint8Array {
  const stsd = findPath(mp4, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'])!;
  const entry = childBoxes(stsd, 8)[0];
  assert.equal(entry.type, 'av01');
  return boxPayload(requireBox(childBoxes(entry, 78), 'av1C', 'av01'));
}

interface Av1Probe {
  profile: string;
  level: number;
  width: number;
  height: number;
  pix_fmt: string;
}

function ffprobe(mp4: Uint8Array): Av1Probe {
  const dir = mkdtempSync(join(tmpdir(), 'av1-'));
  try {
    writeFileSync(join(dir, 'v.mp4'), mp4);
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=profile,level,width,height,pix_fmt', '-of', 'json', join(dir, 'v.mp4')]);
    return (JSON.parse(out.toString()) as { streams: Av1Probe[] }).streams[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases: { o: Av1EncodeOptions; depth: number; pixFmt: string }[] = [
  { o: { width: 640, height: 360, fps: 30, frames: 4, gop: 30 }, depth: 8, pixFmt: 'yuv420p' },
  { o: { width: 480, height: 272, fps: 25, frames: 4, gop: 25, pixFmt: 'yuv420p10le' }, depth: 10, pixFmt: 'yuv420p10le' },
];

for (const { o, depth, pixFmt } of cases) {
  test(`libsvtav1 ${o.width}x${o.height} ${depth}-bit: av1C and its sequence header parsed, codec string agrees with ffprobe`, () => {
    const mp4 = encodeAv1FragmentedMp4(o);
    const c = av1ConfigFromAv1C(av1COf(mp4));
    const probe = ffprobe(mp4);
    assert.equal(probe.profile, 'Main');
    assert.equal(probe.pix_fmt, pixFmt);
    assert.equal(c.seqProfile, 0);
    assert.equal(c.seqLevelIdx0, probe.level);
    assert.equal(c.bitDepth, depth);
    assert.deepEqual([c.width, c.height], [probe.width, probe.height]);
    assert.deepEqual([c.monochrome, c.chromaSubsamplingX, c.chromaSubsamplingY], [false, 1, 1]);
    assert.equal(codecString(c), `av01.0.${String(probe.level).padStart(2, '0')}M.${depth === 8 ? '08' : '10'}`);
  });
}

test('configOBUs hold one sequence header OBU; the record is copied', () => {
  const record = av1COf(encodeAv1FragmentedMp4(cases[0].o));
  const obus = splitObus(record.subarray(4));
  assert.deepEqual(obus.map((o) => o.type), [OBU_SEQUENCE_HEADER]);
  const c = av1ConfigFromAv1C(record);
  record[1] ^= 0xff;
  assert.notEqual(c.av1C[1], record[1]);
});

test('an av1C without configOBUs takes its size from the container, and without one is refused', () => {
  // seq_profile 0, level 8 (4.0), Main tier, 10-bit (high_bitdepth), 4:2:0 subsampling.
  const bare = Uint8Array.from([0x81, 0x08, 0x4c, 0x00]);
  const c = av1ConfigFromAv1C(bare, { width: 1920, height: 1080, frameRate: 50 });
  assert.deepEqual([c.width, c.height, c.frameRate, c.bitDepth], [1920, 1080, 50, 10]);
  assert.equal(codecString(c), 'av01.0.08M.10');
  assert.throws(() => av1ConfigFromAv1C(bare), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && /picture size/.test(e.message));
  assert.throws(() => av1ConfigFromAv1C(Uint8Array.from([0x01, 0, 0, 0])), /0x81/);
  assert.throws(() => av1ConfigFromAv1C(Uint8Array.from([0x81, 0])), /at least 4/);
});

test('OBU sizes are bounded by the bytes there; temporal delimiters are dropped for ISOBMFF', () => {
  // A temporal delimiter (type 2, size 0), then a padding OBU (type 15) of 2 bytes.
  const tu = Uint8Array.from([0x12, 0x00, 0x7a, 0x02, 0xaa, 0xbb]);
  assert.deepEqual(splitObus(tu).map((o) => [o.type, o.payload.length]), [[OBU_TEMPORAL_DELIMITER, 0], [15, 2]]);
  assert.deepEqual([...withoutTemporalDelimiters(tu)], [0x7a, 0x02, 0xaa, 0xbb]);
  const clean = Uint8Array.from([0x7a, 0x02, 0xaa, 0xbb]);
  assert.equal(withoutTemporalDelimiters(clean), clean);
  // The padding OBU claims 0x7f bytes; 2 are there.
  const lying = Uint8Array.from([0x7a, 0x7f, 0xaa, 0xbb]);
  assert.throws(() => splitObus(lying), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && /declares 127 bytes, 2 are left/.test(e.message));
  // A leb128 size that never ends.
  assert.throws(() => splitObus(Uint8Array.from([0x7a, 0xff, 0xff])), /truncated leb128/);
  assert.throws(() => splitObus(Uint8Array.from([0xfa, 0x00])), /forbidden bit/);
});
