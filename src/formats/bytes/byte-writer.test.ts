import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter } from './byte-writer.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('writes big-endian integers of every width', () => {
  const w = new ByteWriter(4);
  w.u8(0x1ff).u16(0x0102).u24(0x030405).u32(0xfffffffe).i32(-2).u64(0x0102030405060708n).u64(7);
  assert.equal(hex(w.finish()), 'ff' + '0102' + '030405' + 'fffffffe' + 'fffffffe' + '0102030405060708' + '0000000000000007');
});

test('u64 writes values past 2^53 and wraps negative bigints to two’s complement', () => {
  const w = new ByteWriter();
  w.u64(2n ** 63n + 5n).u64(-1n);
  assert.equal(hex(w.finish()), '8000000000000005ffffffffffffffff');
});

test('grows past the initial capacity and keeps earlier bytes', () => {
  const w = new ByteWriter(16);
  for (let i = 0; i < 1000; i++) w.u8(i);
  const out = w.finish();
  assert.equal(out.length, 1000);
  assert.equal(out[999], 999 & 0xff);
  assert.equal(out[17], 17);
});

test('bytes, zeros, ascii padding and patching a size placeholder', () => {
  const w = new ByteWriter();
  const at = w.length;
  w.u32(0).ascii('ftyp').ascii('ab', 4).zeros(2).bytes(Uint8Array.of(9, 8));
  w.patchU32(at, w.length);
  assert.equal(hex(w.finish()), '00000010' + '66747970' + '61620000' + '0000' + '0908');
});

test('rejects text that does not fit, non-ASCII text and patches outside the written bytes', () => {
  const w = new ByteWriter();
  assert.throws(() => w.ascii('toolong', 4), /does not fit/);
  assert.throws(() => w.ascii('é'), /not ASCII/);
  w.u16(1);
  assert.throws(() => w.patchU32(0, 1), /outside/);
});
