import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nalToRbsp, RbspBitReader } from './rbsp-bit-reader.js';

test('nalToRbsp removes emulation-prevention bytes and nothing else', () => {
  assert.deepEqual([...nalToRbsp(Uint8Array.of(0, 0, 3, 1))], [0, 0, 1]);
  assert.deepEqual([...nalToRbsp(Uint8Array.of(0, 0, 3, 0, 0, 3, 2))], [0, 0, 0, 0, 2]);
  assert.deepEqual([...nalToRbsp(Uint8Array.of(0, 3, 0, 0, 3))], [0, 3, 0, 0]);
  assert.deepEqual([...nalToRbsp(Uint8Array.of(0, 0, 3, 3, 0))], [0, 0, 3, 0]);
  const clean = Uint8Array.of(1, 2, 3);
  assert.equal(nalToRbsp(clean), clean);
});

test('u(n) reads MSB first across byte boundaries, up to 32 bits', () => {
  const r = new RbspBitReader(Uint8Array.of(0b10110011, 0xff, 0xff, 0xff, 0xff));
  assert.equal(r.u(1), 1);
  assert.equal(r.u(3), 0b011);
  assert.equal(r.u(32), 2 ** 30 - 1);
  assert.equal(r.bitsLeft, 4);
  assert.throws(() => r.u(5, 'x'), /truncated reading x/);
});

test('ue and se decode Exp-Golomb codes (§9.1)', () => {
  // 1 | 010 | 011 | 00100 | 00101 | 0001000 → ue 0,1,2,3,4,7 ; as se 0,1,-1,2,-2,4
  const bits = '1' + '010' + '011' + '00100' + '00101' + '0001000';
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3] |= 0x80 >> (i & 7);
  const r = new RbspBitReader(bytes);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(() => r.ue()), [0, 1, 2, 3, 4, 7]);
  const s = new RbspBitReader(bytes);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(() => s.se()), [0, 1, -1, 2, -2, 4]);
});

test('ue of the largest 32-bit code and rejection of longer codes', () => {
  const max = new Uint8Array(9);
  max[3] = 0x01; // 31 zeros, then 1 followed by 31 one-bits: 2^32 - 2
  max.fill(0xff, 4);
  assert.equal(new RbspBitReader(max).ue(), 2 ** 32 - 2);
  assert.throws(() => new RbspBitReader(new Uint8Array(9)).ue('big'), /too long/);
  assert.throws(() => new RbspBitReader(Uint8Array.of(0, 1)).ue('cut'), /truncated reading cut/);
});
