import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readAmf0Values } from './amf0-reader.js';
import { writeAmf0Values } from './amf0-writer.js';
import { Amf0EcmaArray, amf0ToPlain, type Amf0Value } from './amf0-value.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Values and their exact AMF0 encodings (AMF0 spec §2). */
const cases: { name: string; value: Amf0Value; bytes: string }[] = [
  { name: 'number', value: 1, bytes: '00 3ff0000000000000' },
  { name: 'negative fraction', value: -2.5, bytes: '00 c004000000000000' },
  { name: 'true', value: true, bytes: '01 01' },
  { name: 'false', value: false, bytes: '01 00' },
  { name: 'string', value: 'connect', bytes: '02 0007 636f6e6e656374' },
  { name: 'empty string', value: '', bytes: '02 0000' },
  { name: 'utf-8 string', value: 'é', bytes: '02 0002 c3a9' },
  { name: 'null', value: null, bytes: '05' },
  { name: 'undefined', value: undefined, bytes: '06' },
  { name: 'object', value: { app: 'live', n: 0 }, bytes: '03 0003 617070 02 0004 6c697665 0001 6e 00 0000000000000000 000009' },
  { name: 'empty object', value: {}, bytes: '03 000009' },
  { name: 'ecma array', value: new Amf0EcmaArray({ w: 1 }), bytes: '08 00000001 0001 77 00 3ff0000000000000 000009' },
  { name: 'strict array', value: ['a', null], bytes: '0a 00000002 02 0001 61 05' },
  { name: 'date', value: new Date(0), bytes: '0b 0000000000000000 0000' },
  { name: 'nested', value: { o: { a: [true] } }, bytes: '03 0001 6f 03 0001 61 0a 00000001 01 01 000009 000009' },
];

describe('AMF0 round trips', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(toHex(writeAmf0Values([c.value])), c.bytes.replace(/\s+/g, ''));
      assert.deepEqual(readAmf0Values(hex(c.bytes)), [c.value]);
    });
  }

  it('writes and reads a long string', () => {
    const s = 'x'.repeat(70000);
    const b = writeAmf0Values([s]);
    assert.equal(b[0], 0x0c);
    assert.deepEqual(readAmf0Values(b), [s]);
  });

  it('reads a sequence of values (a connect command)', () => {
    const values: Amf0Value[] = ['connect', 1, { app: 'live/tok', objectEncoding: 0 }, null];
    assert.deepEqual(readAmf0Values(writeAmf0Values(values)), values);
  });

  it('keeps __proto__ as a plain property', () => {
    const v = readAmf0Values(hex('03 0009 5f5f70726f746f5f5f 01 01 000009'))[0] as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, true);
  });

  it('converts ECMA arrays to plain objects for consumers', () => {
    assert.deepEqual(amf0ToPlain(new Amf0EcmaArray({ a: new Amf0EcmaArray({ b: 1 }) })), { a: { b: 1 } });
  });

  it('accepts an ECMA array that ends with the message instead of a terminator', () => {
    assert.deepEqual(readAmf0Values(hex('08 00000001 0001 77 01 01')), [new Amf0EcmaArray({ w: true })]);
  });
});

describe('AMF0 malformed input', () => {
  const bad: { name: string; bytes: string; message: RegExp }[] = [
    { name: 'truncated number', bytes: '00 3ff0', message: /number needs 8 bytes/ },
    { name: 'string longer than the message', bytes: '02 ffff 61', message: /string needs 65535 bytes/ },
    { name: 'long string of 4 GB', bytes: '0c ffffffff 61', message: /needs 4294967295 bytes/ },
    { name: 'strict array count lies', bytes: '0a 7fffffff 05', message: /announces 2147483647 values/ },
    { name: 'AMF3 switch', bytes: '11 04 01', message: /AMF3/ },
    { name: 'reference marker', bytes: '07 0001', message: /unsupported type marker 0x07/ },
    { name: 'stray object end', bytes: '09', message: /object-end marker outside/ },
    { name: 'object without terminator', bytes: '03 0001 61 05', message: /needs 2 bytes/ },
    { name: 'empty key then a value', bytes: '03 0000 05', message: /empty property name/ },
  ];
  for (const c of bad) {
    it(c.name, () => assert.throws(() => readAmf0Values(hex(c.bytes)), c.message));
  }

  it('rejects nesting deeper than the limit without recursing further', () => {
    const deep = new Uint8Array(100_000).fill(0x0a); // strict arrays inside strict arrays...
    for (let i = 0; i < deep.length; i += 5) deep.set([0x0a, 0, 0, 0, 1], i);
    assert.throws(() => readAmf0Values(deep), /nesting deeper than 32/);
    assert.throws(() => readAmf0Values(hex('03 0001 61 03 0001 61 03 000009 000009 000009'), { maxDepth: 2 }), /nesting deeper than 2/);
  });

  it('refuses to write a cycle', () => {
    const a: Amf0Value[] = [];
    a.push(a);
    assert.throws(() => writeAmf0Values([a]), /nesting deeper/);
  });
});
