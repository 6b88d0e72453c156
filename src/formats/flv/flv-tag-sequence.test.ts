import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFlvTags, writeFlvTags, type FlvTag } from './flv-tag-sequence.js';

describe('FLV tag sequences (aggregate message payloads)', () => {
  const tags: FlvTag[] = [
    { type: 9, timestamp: 1000, data: Uint8Array.of(0x17, 1, 0, 0, 0, 9) },
    { type: 8, timestamp: 1021, data: Uint8Array.of(0xaf, 1, 0x21) },
    { type: 9, timestamp: 0x01234567, data: Uint8Array.of(0x27, 1, 0, 0, 0) },
  ];

  it('round trips, including the extended timestamp byte', () => {
    const bytes = writeFlvTags(tags);
    assert.equal(bytes.length, tags.reduce((n, t) => n + 15 + t.data.length, 0));
    assert.deepEqual(readFlvTags(bytes), tags);
  });

  it('tolerates a missing final back-pointer', () => {
    const bytes = writeFlvTags(tags.slice(0, 1));
    assert.deepEqual(readFlvTags(bytes.subarray(0, bytes.length - 4)), tags.slice(0, 1));
  });

  it('rejects a tag that runs past the end and stray bytes', () => {
    const bytes = writeFlvTags(tags.slice(0, 1));
    assert.throws(() => readFlvTags(bytes.subarray(0, 12)), /announces 6 bytes/);
    assert.throws(() => readFlvTags(Uint8Array.of(1, 2, 3)), /stray bytes/);
  });
});
