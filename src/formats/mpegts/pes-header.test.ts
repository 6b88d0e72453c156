import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pesHeaderLength, writePesHeader } from './pes-header.js';
import { readPesTimestamp, wrap33, writePesTimestamp } from './pes-timestamp.js';
import { readPcrBase, writePcrField } from './pcr-field.js';

const WRAP = 2 ** 33;

test('PTS/DTS fields round-trip across the 33-bit range', () => {
  const b = new Uint8Array(5);
  for (const t of [0, 1, 90000, 2 ** 30 - 1, 2 ** 30, 2 ** 32 + 7, WRAP - 1, 123456789]) {
    writePesTimestamp(b, 0, 0b0010, t);
    assert.equal(readPesTimestamp(b, 0), t, `ts ${t}`);
    assert.equal(b[0] >> 4, 0b0010);
    assert.equal(b[0] & 1, 1, 'marker');
    assert.equal(b[2] & 1, 1, 'marker');
    assert.equal(b[4] & 1, 1, 'marker');
  }
});

test('timestamps past 2^33 or negative are written modulo 2^33', () => {
  const b = new Uint8Array(5);
  writePesTimestamp(b, 0, 0b0010, WRAP + 12345);
  assert.equal(readPesTimestamp(b, 0), 12345);
  writePesTimestamp(b, 0, 0b0010, -3000);
  assert.equal(readPesTimestamp(b, 0), WRAP - 3000);
  assert.equal(wrap33(5 * WRAP + 1), 1);
});

test('known encoding: PTS 126000 (ffmpeg default start) is 21 00 07 D8 61', () => {
  const b = new Uint8Array(5);
  writePesTimestamp(b, 0, 0b0010, 126000);
  assert.deepEqual([...b], [0x21, 0x00, 0x07, 0xd8, 0x61]);
});

test('PES header with PTS and DTS', () => {
  const b = new Uint8Array(19);
  const n = writePesHeader(b, 0, { streamId: 0xe0, pts: WRAP + 9000, dts: WRAP + 3000, payloadLength: 1000 });
  assert.equal(n, 19);
  assert.deepEqual([...b.subarray(0, 4)], [0, 0, 1, 0xe0]);
  assert.equal((b[4] << 8) | b[5], 1000 + 13);
  assert.equal(b[6], 0x84);
  assert.equal(b[7], 0xc0);
  assert.equal(b[8], 10);
  assert.equal(b[9] >> 4, 0b0011);
  assert.equal(b[14] >> 4, 0b0001);
  assert.equal(readPesTimestamp(b, 9), 9000);
  assert.equal(readPesTimestamp(b, 14), 3000);
});

test('PES header omits DTS when equal to PTS; video may be unbounded, audio may not', () => {
  const b = new Uint8Array(19);
  assert.equal(writePesHeader(b, 0, { streamId: 0xc0, pts: 100, dts: 100, payloadLength: 50 }), 14);
  assert.equal(pesHeaderLength(100, 100), 14);
  assert.equal(b[7], 0x80);
  assert.equal(b[8], 5);
  assert.equal((b[4] << 8) | b[5], 58);
  writePesHeader(b, 0, { streamId: 0xe0, pts: 1, dts: 1, payloadLength: 70000 });
  assert.equal((b[4] << 8) | b[5], 0);
  assert.throws(() => writePesHeader(b, 0, { streamId: 0xc0, pts: 1, dts: 1, payloadLength: 70000 }), RangeError);
});

test('PCR field round-trips the 33-bit base with reserved bits set', () => {
  const b = new Uint8Array(6);
  for (const t of [0, 1, 2 ** 32 + 1, WRAP - 1]) {
    writePcrField(b, 0, t);
    assert.equal(readPcrBase(b, 0), t);
    assert.equal(b[4] & 0x7e, 0x7e);
  }
  writePcrField(b, 0, WRAP + 5);
  assert.equal(readPcrBase(b, 0), 5);
});
