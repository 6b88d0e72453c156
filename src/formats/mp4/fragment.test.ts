import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sample } from '../../model/sample.js';
import { boxPayload, childBoxes, readBoxes } from './box-reader.js';
import { box, fullBox } from './box-writer.js';
import { writeFragment } from './fragment-writer.js';
import { readFragment } from './fragment-reader.js';
import { TributaryError } from '../../util/errors.js';

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at);
const be = (...words: number[]) => {
  const b = new Uint8Array(words.length * 4);
  words.forEach((w, i) => new DataView(b.buffer).setUint32(i * 4, w >>> 0));
  return b;
};
const sample = (duration: number, sync: boolean, size: number, compositionOffset = 0): Sample => ({
  duration, sync, compositionOffset, data: Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) & 0xff),
});
const isMedia = (re: RegExp) => (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && re.test(e.message);

test('video fragment layout: tfhd default-base-is-moof, tfdt v1, trun v1 without offsets when all are 0', () => {
  const samples = [sample(3000, true, 10), sample(3000, false, 5), sample(3001, false, 1)];
  const bytes = writeFragment({ sequenceNumber: 7, decodeTime: 2n ** 40n + 1n, samples, trackType: 'video' });
  const [moof, mdat] = readBoxes(bytes);
  assert.deepEqual([moof.type, moof.end, mdat.type, mdat.end - mdat.payloadStart], ['moof', 88 + 36, 'mdat', 16]);
  const [mfhd, traf] = childBoxes(moof);
  assert.equal(u32(boxPayload(mfhd), 4), 7);
  const [tfhd, tfdt, trun] = childBoxes(traf);
  assert.deepEqual([...be(0x020000, 1)], [...boxPayload(tfhd)]);
  assert.deepEqual([...boxPayload(tfdt)], [...be(0x01000000, 0x100, 1)]);
  const t = boxPayload(trun);
  assert.deepEqual([u32(t, 0), u32(t, 4), u32(t, 8)], [0x01000701, 3, 124 + 8]);
  assert.deepEqual([u32(t, 12), u32(t, 16), u32(t, 20), u32(t, 32)], [3000, 10, 0x02000000, 0x01010000]);
  assert.deepEqual(bytes.subarray(u32(t, 8), u32(t, 8) + 10), samples[0].data);
  assert.equal(bytes.length, 124 + 8 + 16);
});

test('round trip with signed composition offsets and audio flags', () => {
  const video = [sample(3000, true, 40, 0), sample(3000, false, 20, 6000), sample(3000, false, 9, -3000), sample(3000, false, 9, -3000)];
  const bytes = writeFragment({ sequenceNumber: 1, decodeTime: 12345n, samples: video, trackType: 'video' });
  const trun = boxPayload(childBoxes(childBoxes(readBoxes(bytes)[0])[1])[2]);
  assert.equal(u32(trun, 0), 0x01000f01);
  assert.deepEqual(readFragment(bytes), { sequenceNumber: 1, decodeTime: 12345n, samples: video });
  const audio = [sample(1024, true, 300), sample(1024, true, 280)];
  const out = readFragment(writeFragment({ sequenceNumber: 2, decodeTime: 0n, samples: audio, trackType: 'audio' }));
  assert.deepEqual(out.samples, audio);
  const flags = u32(boxPayload(childBoxes(childBoxes(readBoxes(writeFragment({ sequenceNumber: 2, decodeTime: 0n, samples: [sample(1024, false, 1)], trackType: 'audio' }))[0])[1])[2]), 20);
  assert.equal(flags, 0x02000000, 'audio samples are always sync');
});

test('the writer rejects what the format cannot carry', () => {
  const ok = { sequenceNumber: 1, decodeTime: 0n, trackType: 'video' as const };
  assert.throws(() => writeFragment({ ...ok, samples: [] }), isMedia(/at least one sample/));
  assert.throws(() => writeFragment({ ...ok, samples: [sample(-1, true, 1)] }), isMedia(/duration -1/));
  assert.throws(() => writeFragment({ ...ok, samples: [sample(1.5, true, 1)] }), isMedia(/duration 1.5/));
  assert.throws(() => writeFragment({ ...ok, samples: [sample(1, true, 1, 2 ** 31)] }), isMedia(/composition offset/));
  assert.throws(() => writeFragment({ ...ok, decodeTime: -1n, samples: [sample(1, true, 1)] }), isMedia(/decode time -1/));
});

/** A hand-made fragment in the style of other muxers (ffmpeg DASH, Smooth): tfhd defaults, trun v0. */
function foreignFragment(opts: { trun: Uint8Array; tfhdFlags: number; tfhd: Uint8Array; tfdt?: Uint8Array; payload: Uint8Array; prefix?: Uint8Array }) {
  const build = (dataOffset: number) => {
    const trun = opts.trun.slice();
    new DataView(trun.buffer).setInt32(4, dataOffset); // after sample_count
    const traf = box('traf', fullBox('tfhd', 0, opts.tfhdFlags, be(1), opts.tfhd), ...(opts.tfdt ? [opts.tfdt] : []), fullBox('trun', 0, 0x000205, trun.subarray(0, 4), trun.subarray(4)));
    return box('moof', fullBox('mfhd', 0, 0, be(3)), traf);
  };
  const moofSize = build(0).length;
  const prefix = opts.prefix ?? new Uint8Array(0);
  return new Uint8Array(Buffer.concat([prefix, build(moofSize + 8), box('mdat', opts.payload)]));
}

test('reader: tfhd default duration and flags, first-sample-flags, trun v0, tfdt v0, leading styp', () => {
  // trun v0 flags 0x205: data-offset, first-sample-flags, per-sample size
  const trun = new Uint8Array([...be(3), ...be(0), ...be(0x02000000), ...be(2), ...be(1), ...be(3)]);
  const bytes = foreignFragment({
    trun, tfhdFlags: 0x020028, tfhd: be(512, 0x01010000), tfdt: fullBox('tfdt', 0, 0, be(90000)),
    payload: Uint8Array.of(1, 2, 3, 4, 5, 6), prefix: box('styp', new TextEncoder().encode('msdh\0\0\0\0msdh')),
  });
  const f = readFragment(bytes);
  assert.deepEqual([f.sequenceNumber, f.decodeTime], [3, 90000n]);
  assert.deepEqual(f.samples.map((s) => [s.duration, s.sync, s.compositionOffset, [...s.data]]), [
    [512, true, 0, [1, 2]], [512, false, 0, [3]], [512, false, 0, [4, 5, 6]],
  ]);
});

test('reader: trex defaults fill what tfhd and trun leave out; missing ones are errors', () => {
  const trun = new Uint8Array([...be(2), ...be(0), ...be(0x02000000), ...be(2), ...be(2)]);
  const bytes = foreignFragment({ trun, tfhdFlags: 0x020000, tfhd: new Uint8Array(0), tfdt: fullBox('tfdt', 1, 0, be(0, 5)), payload: Uint8Array.of(1, 2, 3, 4) });
  assert.throws(() => readFragment(bytes), isMedia(/sample 0 has no duration in trun, tfhd or trex/));
  const f = readFragment(bytes, { duration: 1024, flags: 0x01010000 });
  assert.deepEqual(f.samples.map((s) => [s.duration, s.sync]), [[1024, true], [1024, false]]);
});

test('reader: malformed fragments give clear ERR_MEDIA errors', () => {
  const good = writeFragment({ sequenceNumber: 1, decodeTime: 0n, samples: [sample(1, true, 4), sample(1, false, 4)], trackType: 'video' });
  assert.throws(() => readFragment(box('mdat')), isMedia(/no moof box/));
  assert.throws(() => readFragment(good.subarray(0, good.length - 1)), isMedia(/'mdat' at offset \d+: size 16 runs past/));
  const lying = good.slice();
  new DataView(lying.buffer).setUint32(8 + 16 + 8 + 16 + 20 + 12, 0x10000000); // trun sample_count
  assert.throws(() => readFragment(lying), isMedia(/trun claims 268435456 samples but has room for 2/));
  const farData = good.slice();
  new DataView(farData.buffer).setInt32(8 + 16 + 8 + 16 + 20 + 16, 5000); // trun data_offset
  assert.throws(() => readFragment(farData), isMedia(/sample 0 data \(4 bytes at offset 5000\) is outside/));
  const noTfdt = foreignFragment({ trun: new Uint8Array([...be(1), ...be(0), ...be(0), ...be(1)]), tfhdFlags: 0x020008, tfhd: be(1), payload: Uint8Array.of(1) });
  assert.throws(() => readFragment(noTfdt), isMedia(/no 'tfdt' box/));
});

test('reader: consecutive moof/mdat pairs join when contiguous, and not otherwise', () => {
  const a = [sample(1000, true, 3), sample(1000, false, 2)];
  const b = [sample(1000, false, 4)];
  const first = writeFragment({ sequenceNumber: 1, decodeTime: 5000n, samples: a, trackType: 'video' });
  const joined = readFragment(new Uint8Array(Buffer.concat([first, writeFragment({ sequenceNumber: 2, decodeTime: 7000n, samples: b, trackType: 'video' })])));
  assert.deepEqual(joined, { sequenceNumber: 1, decodeTime: 5000n, samples: [...a, ...b] });
  const gap = Buffer.concat([first, writeFragment({ sequenceNumber: 2, decodeTime: 9000n, samples: b, trackType: 'video' })]);
  assert.throws(() => readFragment(gap), isMedia(/starts at 9000, not at 7000/));
});
