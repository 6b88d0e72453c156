import { ByteWriter } from '../bytes/byte-writer.js';

/**
 * ISO BMFF box writing (ISO 14496-12 §4.2): `size(32) type(32)`, and for a FullBox
 * `version(8) flags(24)` after that. Boxes are written in place: `openBox` leaves a size
 * placeholder and `closeBox` patches it, so nested boxes need no intermediate buffers.
 */

/** Starts a box; returns its offset for `closeBox`. */
export function openBox(w: ByteWriter, type: string): number {
  const at = w.length;
  w.u32(0).ascii(type, 4);
  return at;
}

/** Starts a FullBox; returns its offset for `closeBox`. */
export function openFullBox(w: ByteWriter, type: string, version: number, flags: number): number {
  const at = openBox(w, type);
  w.u8(version).u24(flags);
  return at;
}

/** Ends the box opened at `at`, writing its size. */
export function closeBox(w: ByteWriter, at: number): void {
  w.patchU32(at, w.length - at);
}

/** Writes a whole box whose body `body` writes. */
export function writeBox(w: ByteWriter, type: string, body: (w: ByteWriter) => void): void {
  const at = openBox(w, type);
  body(w);
  closeBox(w, at);
}

/** Writes a whole FullBox whose body `body` writes. */
export function writeFullBox(w: ByteWriter, type: string, version: number, flags: number, body: (w: ByteWriter) => void = () => {}): void {
  const at = openFullBox(w, type, version, flags);
  body(w);
  closeBox(w, at);
}

/** A standalone box from payload parts (tests and rarely-built boxes). */
export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const w = new ByteWriter(8 + payload.reduce((n, p) => n + p.length, 0));
  writeBox(w, type, () => payload.forEach((p) => w.bytes(p)));
  return w.finish();
}

/** A standalone FullBox from payload parts. */
export function fullBox(type: string, version: number, flags: number, ...payload: Uint8Array[]): Uint8Array {
  const w = new ByteWriter(12 + payload.reduce((n, p) => n + p.length, 0));
  writeFullBox(w, type, version, flags, () => payload.forEach((p) => w.bytes(p)));
  return w.finish();
}
