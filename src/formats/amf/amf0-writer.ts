import { ByteWriter } from '../bytes/byte-writer.js';
import { Amf0EcmaArray, Amf0Marker, type Amf0Object, type Amf0Value } from './amf0-value.js';

const MAX_DEPTH = 32;
const utf8 = new TextEncoder();

/**
 * Serialises values as AMF0 (Adobe AMF0 §2). Strings longer than 65535 UTF-8 bytes become long
 * strings (§2.14); Dates are written with time zone 0 as §2.13 asks.
 */
export function writeAmf0Values(values: readonly Amf0Value[]): Uint8Array {
  const w = new ByteWriter(256);
  for (const v of values) writeValue(w, v, 0);
  return w.finish();
}

function writeValue(w: ByteWriter, v: Amf0Value, depth: number): void {
  if (depth > MAX_DEPTH) throw new Error(`AMF0 writer: nesting deeper than ${MAX_DEPTH} (a cycle?)`);
  if (v === null) {
    w.u8(Amf0Marker.Null);
  } else if (v === undefined) {
    w.u8(Amf0Marker.Undefined);
  } else if (typeof v === 'number') {
    w.u8(Amf0Marker.Number);
    f64(w, v);
  } else if (typeof v === 'boolean') {
    w.u8(Amf0Marker.Boolean).u8(v ? 1 : 0);
  } else if (typeof v === 'string') {
    const b = utf8.encode(v);
    if (b.length > 0xffff) w.u8(Amf0Marker.LongString).u32(b.length).bytes(b);
    else w.u8(Amf0Marker.String).u16(b.length).bytes(b);
  } else if (v instanceof Date) {
    w.u8(Amf0Marker.Date);
    f64(w, v.getTime());
    w.u16(0);
  } else if (Array.isArray(v)) {
    w.u8(Amf0Marker.StrictArray).u32(v.length);
    for (const x of v) writeValue(w, x, depth + 1);
  } else if (v instanceof Amf0EcmaArray) {
    w.u8(Amf0Marker.EcmaArray).u32(Object.keys(v.entries).length);
    writeProperties(w, v.entries, depth + 1);
  } else {
    w.u8(Amf0Marker.Object);
    writeProperties(w, v, depth + 1);
  }
}

function writeProperties(w: ByteWriter, o: Amf0Object, depth: number): void {
  for (const [key, value] of Object.entries(o)) {
    const k = utf8.encode(key);
    if (k.length === 0 || k.length > 0xffff) throw new Error(`AMF0 writer: property name of ${k.length} bytes cannot be encoded`);
    w.u16(k.length).bytes(k);
    writeValue(w, value, depth);
  }
  w.u16(0).u8(Amf0Marker.ObjectEnd);
}

function f64(w: ByteWriter, v: number): void {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v);
  w.bytes(b);
}
