import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { answerHandshake, C0C1_SIZE } from './handshake.js';
import { computeDigest, digestOffset, FMS_KEY, FP_KEY, hmacSha256, signPacket, type DigestScheme } from './handshake-digest.js';

function c0c1(version: number[], scheme?: DigestScheme): Uint8Array {
  const b = new Uint8Array(C0C1_SIZE);
  b[0] = 3;
  const c1 = b.subarray(1);
  c1.set(randomBytes(1528), 8);
  c1.set(version, 4);
  // Make this C1 an FP9 client's: digest keyed with the first 30 bytes of FPKey.
  if (scheme !== undefined) signPacket(c1, scheme, FP_KEY.subarray(0, 30));
  return b;
}

describe('RTMP handshake', () => {
  it('answers a simple C1 with S2 = C1', () => {
    const input = c0c1([0, 0, 0, 0]);
    const { response, kind } = answerHandshake(input, { now: () => 1234 });
    assert.equal(kind, 'simple');
    assert.equal(response.length, 1 + 2 * 1536);
    assert.equal(response[0], 3);
    assert.deepEqual(response.subarray(1, 9), Uint8Array.of(0, 0, 0x04, 0xd2, 0, 0, 0, 0));
    assert.deepEqual(response.subarray(1537), input.subarray(1));
  });

  for (const scheme of [0, 1] as const) {
    it(`validates a scheme ${scheme} digest and signs S1 and S2`, () => {
      const input = c0c1([9, 0, 124, 2], scheme);
      const c1 = input.subarray(1);
      const { response, kind } = answerHandshake(input);
      assert.equal(kind, 'digest');
      const s1 = response.subarray(1, 1537);
      const s2 = response.subarray(1537);
      assert.deepEqual([...s1.subarray(4, 8)], [0x0d, 0x0e, 0x0a, 0x0d]);
      // S1: digest at the scheme 0 offset, keyed with FMSKey[0..36).
      const off = digestOffset(s1, 0);
      assert.deepEqual(Buffer.from(s1.subarray(off, off + 32)), computeDigest(s1, off, FMS_KEY.subarray(0, 36)));
      // S2: last 32 bytes = HMAC(S2[0..1504), HMAC(C1 digest, FMSKey)).
      const c1Off = digestOffset(c1, scheme);
      const key = hmacSha256(FMS_KEY, c1.subarray(c1Off, c1Off + 32));
      assert.deepEqual(Buffer.from(s2.subarray(1504)), hmacSha256(key, s2.subarray(0, 1504)));
    });
  }

  it('falls back to simple when a versioned C1 has no valid digest', () => {
    const input = c0c1([9, 0, 124, 2]);
    const { response, kind } = answerHandshake(input);
    assert.equal(kind, 'simple');
    assert.deepEqual(response.subarray(1537), input.subarray(1));
  });

  it('rejects other versions with ERR_RTMP_HANDSHAKE', () => {
    for (const v of [0, 6, 0x47]) {
      const input = c0c1([0, 0, 0, 0]);
      input[0] = v;
      assert.throws(() => answerHandshake(input), (e: { code?: string; message: string }) => e.code === 'ERR_RTMP_HANDSHAKE' && e.message.includes(`version ${v}`));
    }
  });
});
