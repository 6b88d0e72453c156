import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteReader } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';
import { TributaryError } from '../../util/errors.js';

test('reads what the writer wrote', () => {
  const w = new ByteWriter();
  w.u8(7).u16(0xbeef).u24(0xabcdef).u32(0xdeadbeef).i32(-5).u64(2n ** 60n + 3n).ascii('moov').bytes(Uint8Array.of(1, 2, 3));
  const r = new ByteReader(w.finish());
  assert.equal(r.u8(), 7);
  assert.equal(r.u16(), 0xbeef);
  assert.equal(r.u24(), 0xabcdef);
  assert.equal(r.u32(), 0xdeadbeef);
  assert.equal(r.i32(), -5);
  assert.equal(r.u64(), 2n ** 60n + 3n);
  assert.equal(r.ascii(4), 'moov');
  assert.deepEqual([...r.bytesView(3)], [1, 2, 3]);
  assert.equal(r.remaining, 0);
});

test('respects a sub-range of a larger buffer, including one with a byteOffset', () => {
  const backing = Uint8Array.of(0xff, 0xff, 0, 1, 0, 2, 0xff);
  const view = backing.subarray(1);
  const r = new ByteReader(view, 1, 5, 'inner');
  assert.equal(r.u16(), 1);
  assert.equal(r.u16(), 2);
  assert.throws(() => r.u8('tail'), /inner: tail needs 1 bytes at offset 5 but only 0 remain/);
});

test('every read past the end throws an ERR_MEDIA error and does not advance', () => {
  const r = new ByteReader(Uint8Array.of(1, 2, 3), 0, 3, 'box');
  assert.throws(() => r.u32('size'), (e: unknown) => e instanceof TributaryError && e.code === 'ERR_MEDIA' && /box: size/.test(e.message));
  assert.equal(r.pos, 0);
  assert.throws(() => r.u64());
  assert.throws(() => r.bytesView(4));
  assert.throws(() => r.skip(-1));
  assert.throws(() => r.bytesView(NaN));
  assert.equal(r.u24(), 0x010203);
});

test('sub() bounds the child reader and advances the parent', () => {
  const r = new ByteReader(Uint8Array.of(0, 0, 0, 9, 0xaa));
  const child = r.sub(3, 'child');
  assert.equal(child.remaining, 3);
  assert.throws(() => child.u32(), /child/);
  assert.equal(r.u16(), 0x09aa);
  assert.throws(() => r.sub(1), /needs 1 bytes/);
});

test('rejects a range outside the buffer', () => {
  assert.throws(() => new ByteReader(new Uint8Array(2), 0, 3), /outside/);
});
