import { randomBytes } from 'node:crypto';
import { TributaryError } from '../../util/errors.js';
import { DIGEST_SIZE, FMS_KEY, HANDSHAKE_SIZE, findClientDigest, hmacSha256, signPacket } from './handshake-digest.js';

export const RTMP_VERSION = 3;
/** C0 + C1: what the server reads before it answers. */
export const C0C1_SIZE = 1 + HANDSHAKE_SIZE;
/** The version nginx-rtmp puts in a digest S1 (formats.md §1.1). */
const SERVER_VERSION = [0x0d, 0x0e, 0x0a, 0x0d];

export interface HandshakeOptions {
  /** Milliseconds for the S1 time field; injected by tests. */
  now?: () => number;
  random?: (n: number) => Uint8Array;
}

export interface HandshakeReply {
  /** S0 + S1 + S2, to be sent at once. */
  response: Uint8Array;
  kind: 'simple' | 'digest';
}

/**
 * The server side of the RTMP handshake (RTMP 1.0 §5.2; the FP9 digest variant per formats.md
 * §1.1). Given C0+C1 it returns S0+S1+S2; C2 only has to be read and dropped. A C1 with a zero
 * version field, or whose digest does not validate under either scheme, gets the simple reply
 * in which S2 echoes C1.
 */
export function answerHandshake(c0c1: Uint8Array, options: HandshakeOptions = {}): HandshakeReply {
  if (c0c1.length !== C0C1_SIZE) throw new TributaryError('ERR_RTMP_HANDSHAKE', `C0+C1 must be ${C0C1_SIZE} bytes, got ${c0c1.length}`);
  const version = c0c1[0];
  // 6 is RTMPE (encrypted), which we do not offer.
  if (version !== RTMP_VERSION) throw new TributaryError('ERR_RTMP_HANDSHAKE', `unsupported RTMP version ${version}`);
  const random = options.random ?? ((n: number) => randomBytes(n));
  const time = (options.now ?? Date.now)() >>> 0;
  const c1 = c0c1.subarray(1);
  const response = new Uint8Array(1 + 2 * HANDSHAKE_SIZE);
  response[0] = RTMP_VERSION;
  const s1 = response.subarray(1, 1 + HANDSHAKE_SIZE);
  const s2 = response.subarray(1 + HANDSHAKE_SIZE);
  s1.set(random(HANDSHAKE_SIZE - 8), 8);
  new DataView(s1.buffer, s1.byteOffset).setUint32(0, time);

  const clientHasVersion = c1[4] !== 0 || c1[5] !== 0 || c1[6] !== 0 || c1[7] !== 0;
  const client = clientHasVersion ? findClientDigest(c1) : undefined;
  if (!client) {
    s2.set(c1);
    return { response, kind: 'simple' };
  }
  s1.set(SERVER_VERSION, 4);
  signPacket(s1, 0, FMS_KEY.subarray(0, 36));
  // S2 proves we saw the client digest: its last 32 bytes are keyed by HMAC(C1 digest, FMSKey).
  s2.set(random(HANDSHAKE_SIZE - DIGEST_SIZE));
  const key = hmacSha256(FMS_KEY, client.digest);
  s2.set(hmacSha256(key, s2.subarray(0, HANDSHAKE_SIZE - DIGEST_SIZE)), HANDSHAKE_SIZE - DIGEST_SIZE);
  return { response, kind: 'digest' };
}
