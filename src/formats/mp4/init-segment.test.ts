import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Track } from '../../model/track.js';
import { aacConfigFromAsc } from '../../codecs/aac/aac-config.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';
import { boxPayload, childBoxes, findPath, readBoxes, type Mp4Box } from './box-reader.js';
import { writeInitSegment } from './init-segment.js';
import { readInitSegment } from './init-reader.js';
import { generateTestMedia } from './test-media.js';
import { iso639_2, packLanguage } from './language.js';

const media = generateTestMedia({ width: 640, height: 360, fps: 25, frames: 1, audioFrames: 1 });
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at);
const ascii = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const types = (boxes: Mp4Box[]) => boxes.map((b) => b.type);

test('video init: ftyp brands, box tree, header fields and the 78-byte avc1 entry', () => {
  const init = writeInitSegment(media.videoTrack);
  const top = readBoxes(init);
  assert.deepEqual(types(top), ['ftyp', 'moov']);
  assert.equal(ascii(boxPayload(top[0])), 'iso6\0\0\0\0iso6cmfcmp41avc1');
  assert.deepEqual(types(childBoxes(top[1])), ['mvhd', 'trak', 'mvex']);
  const mvhd = boxPayload(findPath(init, ['moov', 'mvhd'])!);
  assert.deepEqual([mvhd.length, u32(mvhd, 12), u32(mvhd, 16), u32(mvhd, 96)], [100, 1000, 0, 2]);
  const tkhd = boxPayload(findPath(init, ['moov', 'trak', 'tkhd'])!);
  assert.deepEqual([u32(tkhd, 0), u32(tkhd, 12), tkhd[36], u32(tkhd, 76), u32(tkhd, 80)], [3, 1, 0, 640 << 16, 360 << 16]);
  assert.deepEqual(types(childBoxes(findPath(init, ['moov', 'trak', 'mdia'])!)), ['mdhd', 'hdlr', 'minf']);
  const stbl = findPath(init, ['moov', 'trak', 'mdia', 'minf', 'stbl'])!;
  assert.deepEqual(types(childBoxes(findPath(init, ['moov', 'trak', 'mdia', 'minf'])!)), ['vmhd', 'dinf', 'stbl']);
  assert.deepEqual(types(childBoxes(stbl)), ['stsd', 'stts', 'stsc', 'stsz', 'stco']);
  const [avc1] = childBoxes(childBoxes(stbl)[0], 8);
  assert.equal(avc1.type, 'avc1');
  const children = childBoxes(avc1, 78);
  assert.deepEqual(types(children), ['avcC', 'pasp', 'btrt']);
  assert.deepEqual(boxPayload(children[0]), media.avcC);
  const trex = boxPayload(findPath(init, ['moov', 'mvex', 'trex'])!);
  assert.deepEqual([u32(trex, 4), u32(trex, 8)], [1, 1]);
});

test('video init round-trips through readInitSegment; pasp and tkhd carry the SAR', () => {
  const codec = { ...h264ConfigFromAvcC(media.avcC), sarWidth: 4, sarHeight: 3 };
  const track: Track = { ...media.videoTrack, codec };
  const init = writeInitSegment(track);
  const info = readInitSegment(init);
  assert.deepEqual([info.trackId, info.type, info.timescale, info.language], [1, 'video', 90000, 'und']);
  assert.equal(info.codec.kind, 'h264');
  assert.deepEqual(info.codec.kind === 'h264' && [info.codec.width, info.codec.height], [640, 360]);
  const avc1 = childBoxes(findPath(init, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'])!, 8)[0];
  const pasp = boxPayload(childBoxes(avc1, 78)[1]);
  assert.deepEqual([u32(pasp, 0), u32(pasp, 4)], [4, 3]);
  const tkhd = boxPayload(findPath(init, ['moov', 'trak', 'tkhd'])!);
  assert.equal(u32(tkhd, 76), Math.round((640 * 4) / 3) << 16);
});

test('audio init: ftyp without avc1, smhd, volume, language and an esds with the ASC verbatim', () => {
  const asc = Uint8Array.of(0x11, 0x90, 0x56, 0xe5, 0x00);
  const track: Track = { ...media.audioTrack, codec: aacConfigFromAsc(asc), bitrate: 96_000, language: 'fr-CA' };
  const init = writeInitSegment(track);
  assert.equal(ascii(boxPayload(readBoxes(init)[0])), 'iso6\0\0\0\0iso6cmfcmp41');
  const tkhd = boxPayload(findPath(init, ['moov', 'trak', 'tkhd'])!);
  assert.deepEqual([tkhd[36], tkhd[37], u32(tkhd, 76)], [1, 0, 0]);
  assert.deepEqual(types(childBoxes(findPath(init, ['moov', 'trak', 'mdia', 'minf'])!)), ['smhd', 'dinf', 'stbl']);
  const hdlr = boxPayload(findPath(init, ['moov', 'trak', 'mdia', 'hdlr'])!);
  assert.equal(ascii(hdlr.subarray(8, 12)), 'soun');
  const mp4a = childBoxes(findPath(init, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'])!, 8)[0];
  assert.equal(mp4a.type, 'mp4a');
  const entry = boxPayload(mp4a);
  assert.deepEqual([entry[17], u32(entry, 24)], [2, 48000 * 65536]);
  const esds = boxPayload(childBoxes(mp4a, 28)[0]);
  assert.equal(
    Buffer.from(esds).toString('hex'),
    '00000000' + '031c' + '000000' + '0414' + '4015' + '000000' + '00017700' + '00017700' + '0505' + '1190' + '56e500' + '060102',
  );
  const info = readInitSegment(init);
  assert.deepEqual([info.type, info.timescale, info.language], ['audio', 48000, 'fra']);
  assert.deepEqual(info.codec.kind === 'aac' && [...info.codec.asc], [...asc]);
});

test('language codes: 639-2 kept, 639-1 and tags mapped, unknown → und', () => {
  assert.deepEqual(['eng', 'en', 'en-US', 'pt_BR', 'xx', undefined, 'EN'].map(iso639_2), ['eng', 'eng', 'eng', 'por', 'und', 'und', 'eng']);
  assert.equal(packLanguage('und'), 0x55c4);
});

test('a track whose type and codec disagree is rejected', () => {
  assert.throws(() => writeInitSegment({ ...media.audioTrack, type: 'video' }), /a video track cannot carry aac/);
});
