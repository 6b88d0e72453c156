import { TIMESTAMP_WRAP } from './ts-ids.js';

/** Reduces a 90 kHz time (possibly negative or past 2^33) to the 33-bit counter value. */
export function wrap33(ticks: number): number {
  const r = ticks % TIMESTAMP_WRAP;
  return r < 0 ? r + TIMESTAMP_WRAP : r;
}

/**
 * Writes a 5-byte PTS or DTS field (ISO 13818-1 §2.4.3.7): a 4-bit prefix ('0010' PTS only,
 * '0011' PTS before DTS, '0001' DTS), then bits 32..30, marker, 29..15, marker, 14..0, marker.
 * Plain numbers are exact here: 2^33 is far below 2^53, and division avoids 32-bit shifts.
 */
export function writePesTimestamp(out: Uint8Array, at: number, prefix: number, ticks: number): void {
  const t = wrap33(ticks);
  const high = Math.floor(t / 2 ** 30); // bits 32..30
  const low = t % 2 ** 30; // bits 29..0, fits 32-bit integer arithmetic
  out[at] = (prefix << 4) | (high << 1) | 1;
  out[at + 1] = low >>> 22;
  out[at + 2] = ((low >>> 14) & 0xfe) | 1;
  out[at + 3] = (low >>> 7) & 0xff;
  out[at + 4] = ((low << 1) & 0xfe) | 1;
}

/** Reads a 5-byte PTS or DTS field back (markers and prefix ignored). */
export function readPesTimestamp(b: Uint8Array, at: number): number {
  const high = (b[at] >> 1) & 7;
  const low = (b[at + 1] << 22) | ((b[at + 2] >> 1) << 15) | (b[at + 3] << 7) | (b[at + 4] >> 1);
  return high * 2 ** 30 + (low >>> 0);
}
