import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Flash Player 9 handshake digests (formats.md §1.1; the scheme nginx-rtmp and FMS use).
 * Both keys end with the same 32 bytes after their ASCII name.
 */
const KEY_TAIL = Buffer.from('F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE', 'hex');
/** "Genuine Adobe Flash Player 001" + tail (62 bytes); client digests use the first 30. */
export const FP_KEY = Buffer.concat([Buffer.from('Genuine Adobe Flash Player 001', 'ascii'), KEY_TAIL]);
/** "Genuine Adobe Flash Media Server 001" + tail (68 bytes); S1 digests use the first 36. */
export const FMS_KEY = Buffer.concat([Buffer.from('Genuine Adobe Flash Media Server 001', 'ascii'), KEY_TAIL]);

export const HANDSHAKE_SIZE = 1536;
export const DIGEST_SIZE = 32;

/** Scheme 0 keeps its offset bytes at 8..11, scheme 1 at 772..775. */
export type DigestScheme = 0 | 1;

export function hmacSha256(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const h = createHmac('sha256', key);
  for (const d of data) h.update(d);
  return h.digest();
}

/** Where the 32-byte digest sits in a 1536-byte C1/S1 for a scheme. */
export function digestOffset(packet: Uint8Array, scheme: DigestScheme): number {
  const base = scheme === 0 ? 8 : 772;
  const sum = packet[base] + packet[base + 1] + packet[base + 2] + packet[base + 3];
  return (sum % 728) + base + 4;
}

/** HMAC-SHA256 of the packet with the digest's 32 bytes left out. */
export function computeDigest(packet: Uint8Array, offset: number, key: Uint8Array): Buffer {
  return hmacSha256(key, packet.subarray(0, offset), packet.subarray(offset + DIGEST_SIZE));
}

/** Writes the digest into `packet` at the scheme's offset. */
export function signPacket(packet: Uint8Array, scheme: DigestScheme, key: Uint8Array): Buffer {
  const offset = digestOffset(packet, scheme);
  const digest = computeDigest(packet, offset, key);
  packet.set(digest, offset);
  return digest;
}

/**
 * The client's digest when C1 carries a valid one under scheme 1 or else scheme 0 (the order
 * nginx-rtmp tries), otherwise undefined.
 */
export function findClientDigest(c1: Uint8Array): { scheme: DigestScheme; digest: Buffer } | undefined {
  const key = FP_KEY.subarray(0, 30);
  for (const scheme of [1, 0] as const) {
    const offset = digestOffset(c1, scheme);
    const expected = computeDigest(c1, offset, key);
    if (timingSafeEqual(expected, c1.subarray(offset, offset + DIGEST_SIZE))) return { scheme, digest: expected };
  }
  return undefined;
}
