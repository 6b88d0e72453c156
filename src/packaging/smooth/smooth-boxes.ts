/**
 * The Smooth Streaming extension boxes are `uuid` boxes (ISO 14496-12 §4.2) told apart by
 * their extended type (MS-SSTR §2.2.4.4, §2.2.4.5), as lowercase hex like Mp4Box.userType.
 */

/** TfxdBox: the fragment's own absolute time and duration. */
export const TFXD_UUID = '6d1d9b0542d544e680e2141daff757b2';

/** TfrfBox: absolute time and duration of the following fragments (live lookahead). */
export const TFRF_UUID = 'd4807ef2ca3946958e5426cb9e46a79f';

/** A uuid's 16 bytes from its hex form. */
export function uuidBytes(uuid: string): Uint8Array {
  return Uint8Array.from(Buffer.from(uuid, 'hex'));
}
