import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boxPayload, childBoxes, findPath, requireBox } from '../../formats/mp4/box-reader.js';
import type { H265Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { codecString } from '../codec-string.js';
import { encodeHevcFragmentedMp4, type HevcEncodeOptions } from './ffmpeg-hevc.js';
import { h265ConfigFromHvcC } from './h265-config.js';
import { hevcCodecString } from './hevc-codec-string.js';
import { hevcSpsPictureSize } from './hevc-sps-size.js';
import { parseHevcDecoderConfig } from './hevc-decoder-config.js';

/** The hvcC payload of the first sample entry of an MP4 made by ffmpeg. */
function hvcCOf(mp4: Uint8Array): Uint8Array {
  const stsd = findPath(mp4, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'])!;
  const entry = childBoxes(stsd, 8)[0];
  assert.equal(entry.type, 'hvc1');
  return boxPayload(requireBox(childBoxes(entry, 78), 'hvcC', 'hvc1'));
}

function ffprobe(mp4: Uint8Array): { codec_tag_string: string; profile: string; level: number } {
  const dir = mkdtempSync(join(tmpdir(), 'hevc-'));
  try {
    writeFileSync(join(dir, 'v.mp4'), mp4);
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_tag_string,profile,level', '-of', 'json', join(dir, 'v.mp4')]);
    return (JSON.parse(out.toString()) as { streams: { codec_tag_string: string; profile: string; level: number }[] }).streams[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cases: { o: HevcEncodeOptions; profile: string; codec: RegExp }[] = [
  { o: { width: 640, height: 360, fps: 30, frames: 8 }, profile: 'Main', codec: /^hvc1\.1\.6\.L\d+\.[0-9A-F]{2}/ },
  { o: { width: 1280, height: 720, fps: 25, frames: 4, pixFmt: 'yuv420p10le' }, profile: 'Main 10', codec: /^hvc1\.2\.4\.L\d+\.[0-9A-F]{2}/ },
];

for (const { o, profile, codec } of cases) {
  test(`libx265 ${o.width}x${o.height} ${profile}: hvcC parsed, codec string agrees with ffprobe`, () => {
    const mp4 = encodeHevcFragmentedMp4(o);
    const c = h265ConfigFromHvcC(hvcCOf(mp4), { width: o.width, height: o.height });
    const probe = ffprobe(mp4);
    assert.equal(probe.codec_tag_string, 'hvc1');
    assert.equal(probe.profile, profile);
    assert.equal(c.levelIdc, probe.level);
    assert.match(codecString(c), codec);
    assert.ok(codecString(c).includes(`.L${probe.level}`), codecString(c));
    assert.equal([c.vps.length, c.sps.length, c.pps.length].join(), '1,1,1');
    // NAL unit types (H.265 §7.3.1.2: forbidden_zero_bit, nal_unit_type(6), …).
    assert.deepEqual([c.vps[0][0] >> 1, c.sps[0][0] >> 1, c.pps[0][0] >> 1], [32, 33, 34]);
    assert.equal(c.lengthSize, 4);
    assert.deepEqual([c.width, c.height, c.sarWidth, c.sarHeight], [o.width, o.height, 1, 1]);
  });
}

/** A record with chosen profile fields and one VPS, SPS and PPS. */
function record(bytes1: number, compat: number, constraints: number[], level: number, avgFrameRate = 0): Uint8Array {
  const head = [1, bytes1, compat >>> 24, (compat >>> 16) & 0xff, (compat >>> 8) & 0xff, compat & 0xff, ...constraints, level];
  head.push(0xf0, 0x00, 0xfc, 0xfd, 0xf8, 0xf8, avgFrameRate >> 8, avgFrameRate & 0xff, 0x0f, 3);
  const arrays = [32, 33, 34].flatMap((type) => [0x80 | type, 0, 1, 0, 2, type << 1, 1]);
  return new Uint8Array([...head, ...arrays]);
}

test('codec string: profile space letter, reversed compatibility flags, tier, trailing zero constraint bytes dropped', () => {
  const make = (b: Uint8Array) => h265ConfigFromHvcC(b, { width: 1920, height: 1080 });
  // Main, Main tier, level 3.1, progressive_source_flag + frame_only… = 0xB0 (the formats.md §3.1 example).
  assert.equal(hevcCodecString(make(record(0x01, 0x60000000, [0xb0, 0, 0, 0, 0, 0], 93))), 'hvc1.1.6.L93.B0');
  // Main 10, High tier, level 5.1.
  assert.equal(hevcCodecString(make(record(0x22, 0x20000000, [0x90, 0, 0, 0, 0, 0], 153))), 'hvc1.2.4.H153.90');
  // Profile space 1 ('A'), a middle constraint byte kept, all-zero constraints omitted entirely.
  assert.equal(hevcCodecString(make(record(0x41, 0x40000000, [0xb0, 0, 0x01, 0, 0, 0], 120))), 'hvc1.A1.2.L120.B0.00.01');
  assert.equal(hevcCodecString(make(record(0x01, 0x60000000, [0, 0, 0, 0, 0, 0], 90))), 'hvc1.1.6.L90');
});

test('frame rate from avgFrameRate (frames per 256 s), else the hint', () => {
  const r = record(0x01, 0x60000000, [0xb0, 0, 0, 0, 0, 0], 93, 30 * 256);
  assert.equal(h265ConfigFromHvcC(r, { width: 16, height: 16 }).frameRate, 30);
  const none = record(0x01, 0x60000000, [0xb0, 0, 0, 0, 0, 0], 93);
  assert.equal(h265ConfigFromHvcC(none, { width: 16, height: 16, frameRate: 25 }).frameRate, 25);
  assert.equal(h265ConfigFromHvcC(none, { width: 16, height: 16 }).frameRate, undefined);
});

test('malformed records are ERR_MEDIA errors naming the problem', () => {
  const good = record(0x01, 0x60000000, [0xb0, 0, 0, 0, 0, 0], 93);
  const bad: [Uint8Array, RegExp][] = [
    [good.subarray(0, 10), /too short/],
    [new Uint8Array([2, ...good.subarray(1)]), /configurationVersion 2/],
    [good.subarray(0, good.length - 1), /NAL unit past end/],
    [good.subarray(0, 25), /array 0 header past end|NAL unit length past end/],
    [new Uint8Array([...good.subarray(0, 22), 0]), /no VPS/],
  ];
  const threeBytes = good.slice();
  threeBytes[21] = 0x0e;
  bad.push([threeBytes, /lengthSize 3/]);
  for (const [bytes, re] of bad) {
    assert.throws(() => h265ConfigFromHvcC(bytes, { width: 16, height: 16 }), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && re.test(e.message), String(re));
  }
  assert.throws(() => h265ConfigFromHvcC(good, { width: 0, height: 16 }), /picture size 0x16 is not valid/);
  // The record is copied: the config does not alias the input buffer.
  const c: H265Config = h265ConfigFromHvcC(good, { width: 16, height: 16 });
  assert.notEqual(c.hvcC.buffer, good.buffer);
  assert.equal(parseHevcDecoderConfig(good).avgFrameRate, 0);
});

test('the SPS gives the displayed picture size, conformance window cropped (libx265 pads 426x240 to whole CUs)', () => {
  for (const [width, height] of [[640, 360], [426, 240]]) {
    const c = h265ConfigFromHvcC(hvcCOf(encodeHevcFragmentedMp4({ width, height, fps: 30, frames: 2 })), {});
    assert.deepEqual(hevcSpsPictureSize(c.sps[0]), { width, height });
    assert.deepEqual([c.width, c.height], [width, height]);
  }
  assert.throws(() => hevcSpsPictureSize(Uint8Array.from([0x42, 0x01, 0x01])), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA');
});
