import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByteReader } from '../../formats/bytes/byte-reader.js';
import { childBoxes, readBoxes, type Mp4Box } from '../../formats/mp4/box-reader.js';
import { readFragment } from '../../formats/mp4/fragment-reader.js';
import { writeFragment } from '../../formats/mp4/fragment-writer.js';
import { isSyncFlags } from '../../formats/mp4/sample-flags.js';
import type { Sample } from '../../model/sample.js';
import { TFRF_UUID, TFXD_UUID } from './smooth-boxes.js';
import { smoothFragment } from './smooth-fragment.js';
import { toSmoothTime } from './smooth-time.js';

/** 30 fps video at 90 kHz with B-frame-like composition offsets, one IDR, varied sizes. */
function videoSamples(n: number): Sample[] {
  return Array.from({ length: n }, (_, i) => ({
    duration: 3000,
    compositionOffset: i === 0 ? 0 : (i % 3) * 3000 - 3000,
    sync: i === 0,
    data: Uint8Array.from({ length: 50 + ((i * 37) % 200) }, (_, k) => (i * 7 + k) & 0xff),
  }));
}

/** AAC at 48 kHz: 1024 per frame, which is 213333.33 ticks at 10 MHz. */
function audioSamples(n: number): Sample[] {
  return Array.from({ length: n }, (_, i) => ({ duration: 1024, compositionOffset: 0, sync: true, data: Uint8Array.from({ length: 20 + i }, (_, k) => k) }));
}

interface SmoothTrun {
  flags: number;
  dataOffset: number;
  samples: { duration: number; size: number; flags: number; compositionOffset: number }[];
}

function readTrun(box: Mp4Box): SmoothTrun {
  const r = new ByteReader(box.bytes, box.payloadStart, box.end, 'trun');
  const vf = r.u32();
  assert.equal(vf >>> 24, 1, 'trun version 1');
  const flags = vf & 0xffffff;
  const count = r.u32();
  assert.ok(flags & 0x001, 'data offset present');
  const dataOffset = r.i32();
  const samples = Array.from({ length: count }, () => ({
    duration: r.u32(),
    size: r.u32(),
    flags: r.u32(),
    compositionOffset: flags & 0x800 ? r.i32() : 0,
  }));
  assert.equal(r.remaining, 0);
  return { flags, dataOffset, samples };
}

function readUuidTimes(box: Mp4Box, withCount: boolean): { time: bigint; duration: bigint }[] {
  const r = new ByteReader(box.bytes, box.payloadStart, box.end, box.userType!);
  assert.equal(r.u8(), 1, 'version 1: 64-bit times');
  r.u24();
  const count = withCount ? r.u8() : 1;
  const entries = Array.from({ length: count }, () => ({ time: r.u64(), duration: r.u64() }));
  assert.equal(r.remaining, 0);
  return entries;
}

interface ParsedSmooth {
  top: Mp4Box[];
  trafChildren: Mp4Box[];
  sequenceNumber: number;
  trun: SmoothTrun;
  tfxd: { time: bigint; duration: bigint };
  tfrf?: { time: bigint; duration: bigint }[];
}

function parseSmooth(bytes: Uint8Array): ParsedSmooth {
  const top = readBoxes(bytes);
  const moof = top[0];
  assert.equal(moof.type, 'moof');
  const moofChildren = childBoxes(moof);
  assert.deepEqual(moofChildren.map((b) => b.type), ['mfhd', 'traf']);
  const sequenceNumber = new ByteReader(bytes, moofChildren[0].payloadStart + 4, moofChildren[0].end).u32();
  const trafChildren = childBoxes(moofChildren[1]);
  const tfhd = new ByteReader(bytes, trafChildren[0].payloadStart, trafChildren[0].end);
  assert.equal(trafChildren[0].type, 'tfhd');
  assert.equal(tfhd.u32() & 0xffffff, 0, 'tfhd: no flags, data offsets count from the moof');
  const uuids = trafChildren.filter((b) => b.type === 'uuid');
  const tfxdBox = uuids.find((b) => b.userType === TFXD_UUID);
  const tfrfBox = uuids.find((b) => b.userType === TFRF_UUID);
  assert.ok(tfxdBox, 'tfxd present');
  return {
    top,
    trafChildren,
    sequenceNumber,
    trun: readTrun(trafChildren.find((b) => b.type === 'trun')!),
    tfxd: readUuidTimes(tfxdBox, false)[0],
    tfrf: tfrfBox ? readUuidTimes(tfrfBox, true) : undefined,
  };
}

describe('smoothFragment', () => {
  it('live video: moof(mfhd, traf(tfhd, trun, tfxd, tfrf)) + the same mdat; no tfdt; times in 10 MHz', () => {
    const samples = videoSamples(60);
    const decodeTime = 1800000n; // 20 s at 90 kHz
    const cmaf = writeFragment({ sequenceNumber: 11, decodeTime, samples, trackType: 'video' });
    const lookahead = [{ time: 1980000n, duration: 180000 }, { time: 2160000n, duration: 180000 }];
    const out = smoothFragment({ cmaf, decodeTime, duration: 180000, timescale: 90000, lookahead });
    const s = parseSmooth(out);

    assert.deepEqual(s.top.map((b) => b.type), ['moof', 'mdat']);
    assert.deepEqual(s.trafChildren.map((b) => b.userType ?? b.type), ['tfhd', 'trun', TFXD_UUID, TFRF_UUID]);
    assert.equal(s.sequenceNumber, 11);
    assert.deepEqual(s.tfxd, { time: 200000000n, duration: 20000000n });
    assert.deepEqual(s.tfrf, [{ time: 220000000n, duration: 20000000n }, { time: 240000000n, duration: 20000000n }]);

    // data_offset points at the first payload byte, and the mdat is byte-identical to the input's.
    const mdat = s.top[1];
    assert.equal(s.trun.dataOffset, mdat.payloadStart - s.top[0].start);
    const inputMdat = readBoxes(cmaf).find((b) => b.type === 'mdat')!;
    assert.deepEqual(out.subarray(mdat.start, mdat.end), cmaf.subarray(inputMdat.start, inputMdat.end));

    // Samples: same bytes, sync flags and order; 3000 ticks at 90 kHz = 333333.33 at 10 MHz, so
    // durations alternate and add up exactly to the tfxd span; composition offsets rescaled too.
    const original = readFragment(cmaf).samples;
    let pos = s.top[0].start + s.trun.dataOffset;
    let total = 0;
    s.trun.samples.forEach((t, i) => {
      assert.deepEqual(out.subarray(pos, pos + t.size), original[i].data, `sample ${i} bytes`);
      assert.equal(isSyncFlags(t.flags), original[i].sync, `sample ${i} sync`);
      assert.ok(t.duration === 333333 || t.duration === 333334, `sample ${i} duration ${t.duration}`);
      assert.equal(Math.round(t.compositionOffset / 333333.33), original[i].compositionOffset / 3000);
      pos += t.size;
      total += t.duration;
    });
    assert.equal(pos, out.length);
    assert.equal(BigInt(total), s.tfxd.duration);
  });

  it('on demand: no tfrf; audio durations follow absolute time (213333/213334), sum equal to the manifest d', () => {
    const samples = audioSamples(94);
    const decodeTime = 96000n * 10n + 95232n; // a 94-frame cut that does not start on a 10 MHz multiple
    const duration = 94 * 1024;
    const cmaf = writeFragment({ sequenceNumber: 3, decodeTime, samples, trackType: 'audio' });
    const s = parseSmooth(smoothFragment({ cmaf, decodeTime, duration, timescale: 48000 }));
    assert.equal(s.tfrf, undefined);
    assert.deepEqual(s.trafChildren.map((b) => b.userType ?? b.type), ['tfhd', 'trun', TFXD_UUID]);
    assert.equal(s.tfxd.time, toSmoothTime(decodeTime, 48000));
    assert.equal(s.tfxd.duration, toSmoothTime(decodeTime + BigInt(duration), 48000) - toSmoothTime(decodeTime, 48000));
    assert.equal(s.trun.flags & 0x800, 0, 'no composition offsets column when all are 0');
    assert.ok(s.trun.samples.every((t) => t.duration === 213333 || t.duration === 213334));
    assert.equal(BigInt(s.trun.samples.reduce((n, t) => n + t.duration, 0)), s.tfxd.duration);
  });

  it('live edge: an empty lookahead still writes a tfrf (count 0), which dash.js accepts', () => {
    const cmaf = writeFragment({ sequenceNumber: 1, decodeTime: 0n, samples: audioSamples(3), trackType: 'audio' });
    const s = parseSmooth(smoothFragment({ cmaf, decodeTime: 0n, duration: 3072, timescale: 48000, lookahead: [] }));
    assert.deepEqual(s.tfrf, []);
  });

  it('FragmentInfo: the moof alone, identical to the fragment response up to the mdat', () => {
    const cmaf = writeFragment({ sequenceNumber: 5, decodeTime: 90000n, samples: videoSamples(30), trackType: 'video' });
    const input = { cmaf, decodeTime: 90000n, duration: 90000, timescale: 90000, lookahead: [{ time: 180000n, duration: 90000 }] };
    const full = smoothFragment(input);
    const info = smoothFragment({ ...input, moofOnly: true });
    assert.deepEqual(readBoxes(info).map((b) => b.type), ['moof']);
    assert.deepEqual(info, full.subarray(0, info.length));
  });

  it('refuses what it cannot write', () => {
    const cmaf = writeFragment({ sequenceNumber: 1, decodeTime: 0n, samples: audioSamples(1), trackType: 'audio' });
    const many = Array.from({ length: 256 }, (_, i) => ({ time: BigInt(i) * 1024n, duration: 1024 }));
    assert.throws(() => smoothFragment({ cmaf, decodeTime: 0n, duration: 1024, timescale: 48000, lookahead: many }), /255/);
    assert.throws(() => smoothFragment({ cmaf: cmaf.subarray(0, 20), decodeTime: 0n, duration: 1024, timescale: 48000 }));
  });
});
