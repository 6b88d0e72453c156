import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSps } from './sps.js';
import { nalToRbsp } from './rbsp-bit-reader.js';
import { TributaryError } from '../../util/errors.js';

/** Writes bits and Exp-Golomb codes, then escapes the result into a NAL unit (test only). */
class BitWriter {
  private bits: number[] = [];
  u(n: number, v: number): this {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(v / 2 ** i) % 2);
    return this;
  }
  ue(v: number): this {
    const len = Math.floor(Math.log2(v + 1));
    return this.u(len, 0).u(len + 1, v + 1);
  }
  se(v: number): this {
    return this.ue(v > 0 ? 2 * v - 1 : -2 * v);
  }
  nal(type: number): Uint8Array {
    this.u(1, 1);
    while (this.bits.length % 8) this.bits.push(0);
    const out = [0x60 | type];
    let zeros = 0;
    for (let i = 0; i < this.bits.length; i += 8) {
      const b = parseInt(this.bits.slice(i, i + 8).join(''), 2);
      if (zeros >= 2 && b <= 3) {
        out.push(3);
        zeros = 0;
      }
      out.push(b);
      zeros = b === 0 ? zeros + 1 : 0;
    }
    return Uint8Array.from(out);
  }
}

/** High profile, scaling lists, POC type 1, cropping and a full VUI prefix. */
function handMadeSps(aspect: (w: BitWriter) => void): Uint8Array {
  const w = new BitWriter().u(8, 100).u(8, 0).u(8, 30).ue(0);
  w.ue(1).ue(0).ue(0).u(1, 0).u(1, 1); // chroma 4:2:0, 8-bit, bypass 0, scaling matrix present
  w.u(1, 1);
  for (let j = 0; j < 16; j++) w.se(j % 2 ? 3 : -2); // list 0: explicit deltas
  w.u(1, 0).u(1, 0).u(1, 0).u(1, 0).u(1, 0);
  w.u(1, 1).se(-8); // list 6: nextScale 0 at once means "use the default matrix"
  w.u(1, 0);
  w.ue(0).ue(1).u(1, 0).se(-3).se(5).ue(2).se(7).se(-1); // frame num, POC type 1 with a cycle
  w.ue(4).u(1, 0).ue(44).ue(35).u(1, 1).u(1, 1); // 720 x 576 progressive
  w.u(1, 1).ue(1).ue(2).ue(0).ue(2); // crop 1+2 and 0+2 units of 2: 714 x 572
  w.u(1, 1);
  aspect(w);
  w.u(1, 1).u(1, 0); // overscan
  w.u(1, 1).u(3, 5).u(1, 0).u(1, 1).u(8, 1).u(8, 1).u(8, 1); // video signal + colour
  w.u(1, 1).ue(0).ue(0); // chroma location
  w.u(1, 1).u(32, 1).u(32, 50).u(1, 1); // timing info: 31 zero bits force an escape
  w.u(1, 0).u(1, 0).u(1, 0).u(1, 0); // no HRD, no pic_struct, no restriction
  return w.nal(7);
}

test('hand-made High SPS with Extended_SAR 64:45, scaling lists and emulation prevention', () => {
  const nal = handMadeSps((w) => w.u(1, 1).u(8, 255).u(16, 64).u(16, 45));
  assert.ok(nalToRbsp(nal).length < nal.length, 'the fixture exercises emulation prevention');
  const sps = parseSps(nal);
  assert.deepEqual(
    [sps.profile, sps.level, sps.picOrderCntType, sps.width, sps.height, sps.sarWidth, sps.sarHeight],
    [100, 30, 1, 714, 572, 64, 45],
  );
  assert.equal(sps.frameRate, 25);
});

test('hand-made SPS with table aspect_ratio_idc 2 (12:11), 0 (unspecified) and Extended_SAR 0:0', () => {
  assert.deepEqual(pick(parseSps(handMadeSps((w) => w.u(1, 1).u(8, 2)))), [12, 11]);
  assert.deepEqual(pick(parseSps(handMadeSps((w) => w.u(1, 1).u(8, 0)))), [1, 1]);
  assert.deepEqual(pick(parseSps(handMadeSps((w) => w.u(1, 1).u(8, 255).u(16, 0).u(16, 0)))), [1, 1]);
  assert.deepEqual(pick(parseSps(handMadeSps((w) => w.u(1, 0)))), [1, 1]);
});
const pick = (s: { sarWidth: number; sarHeight: number }) => [s.sarWidth, s.sarHeight];

test('a VUI cut short keeps the SPS fields', () => {
  const full = handMadeSps((w) => w.u(1, 1).u(8, 14));
  const sps = parseSps(full.subarray(0, full.length - 9));
  assert.deepEqual([sps.width, sps.height, sps.frameRate], [714, 572, undefined]);
});

test('bad SPS input throws ERR_MEDIA errors that say what is wrong', () => {
  const isMedia = (re: RegExp) => (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && re.test(e.message);
  assert.throws(() => parseSps(Uint8Array.of(0x68, 1, 2, 3)), isMedia(/NAL unit type 8 is not 7/));
  assert.throws(() => parseSps(Uint8Array.of(0x67)), isMedia(/too short/));
  const nal = handMadeSps((w) => w.u(1, 0));
  assert.throws(() => parseSps(nal.subarray(0, 12)), isMedia(/SPS truncated reading/));
  const badChroma = new BitWriter().u(8, 100).u(8, 0).u(8, 30).ue(0).ue(4).nal(7);
  assert.throws(() => parseSps(badChroma), isMedia(/chroma_format_idc 4/));
  const overCrop = new BitWriter().u(8, 66).u(8, 0).u(8, 30).ue(0).ue(0).ue(2).ue(1).u(1, 0).ue(0).ue(0);
  overCrop.u(1, 1).u(1, 1).u(1, 1).ue(8).ue(0).ue(0).ue(0).u(1, 0);
  assert.throws(() => parseSps(overCrop.nal(7)), isMedia(/cropping leaves/));
});
