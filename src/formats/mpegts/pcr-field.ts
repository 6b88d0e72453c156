import { wrap33 } from './pes-timestamp.js';

/**
 * Writes the 6-byte program_clock_reference of an adaptation field (ISO 13818-1 §2.4.3.5):
 * 33-bit base at 90 kHz, 6 reserved '1' bits, 9-bit extension at 27 MHz. Tributary derives
 * the PCR from 90 kHz decode times, so the extension is always 0.
 */
export function writePcrField(out: Uint8Array, at: number, base90k: number): void {
  const b = wrap33(base90k);
  const top = Math.floor(b / 2); // bits 32..1
  out[at] = top >>> 24;
  out[at + 1] = (top >>> 16) & 0xff;
  out[at + 2] = (top >>> 8) & 0xff;
  out[at + 3] = top & 0xff;
  out[at + 4] = ((b % 2) << 7) | 0x7e;
  out[at + 5] = 0;
}

/** Reads the PCR base (90 kHz) of a 6-byte PCR field; the extension is ignored. */
export function readPcrBase(b: Uint8Array, at: number): number {
  const top = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  return top * 2 + (b[at + 4] >> 7);
}
