import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TimestampUnwrapper } from './timestamp-unwrapper.js';

describe('TimestampUnwrapper', () => {
  const cases: { name: string; input: number[]; output: number[] }[] = [
    { name: 'starts anywhere', input: [5000, 5033, 5066], output: [5000, 5033, 5066] },
    { name: 'crosses the 2^32 wrap', input: [0xffffff00, 0xffffffdf, 30, 63], output: [0xffffff00, 0xffffffdf, 2 ** 32 + 30, 2 ** 32 + 63] },
    { name: 'wraps twice', input: [0xfffffff0, 0x40000000, 0xa0000000, 0x10], output: [0xfffffff0, 2 ** 32 + 0x40000000, 2 ** 32 + 0xa0000000, 2 ** 33 + 0x10] },
    { name: 'repeats a value', input: [100, 100, 121], output: [100, 100, 121] },
    { name: 'holds on a backwards step and counts on', input: [100000, 200, 233], output: [100000, 100000, 100033] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const u = new TimestampUnwrapper();
      assert.deepEqual(c.input.map((t) => u.unwrap(t)), c.output);
    });
  }

  it('keeps audio and video separate', () => {
    const audio = new TimestampUnwrapper();
    const video = new TimestampUnwrapper();
    assert.equal(video.unwrap(0xfffffff0), 0xfffffff0);
    assert.equal(video.unwrap(5), 2 ** 32 + 5);
    assert.equal(audio.unwrap(0xffffffe0), 0xffffffe0);
  });
});
