import { ByteReader } from '../bytes/byte-reader.js';
import { TributaryError } from '../../util/errors.js';
import { Amf0EcmaArray, Amf0Marker, defineAmf0Property, type Amf0Object, type Amf0Value } from './amf0-value.js';

export interface Amf0ReadOptions {
  /** Deepest nesting of objects/arrays accepted; deeper input is rejected, not recursed into. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 32;
const utf8 = new TextDecoder('utf-8');

/**
 * Reads every AMF0 value in `bytes` (an RTMP command or data message body). Pure: the input is
 * complete and untouched. Lengths from the wire are checked against the remaining bytes by
 * ByteReader before anything is allocated; malformed input throws with the offset in the message.
 */
export function readAmf0Values(bytes: Uint8Array, options: Amf0ReadOptions = {}): Amf0Value[] {
  const r = new ByteReader(bytes, 0, bytes.length, 'AMF0');
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const values: Amf0Value[] = [];
  while (r.remaining > 0) values.push(readValue(r, 0, maxDepth));
  return values;
}

/** Reads one value at the reader's position. */
export function readAmf0Value(r: ByteReader, maxDepth = DEFAULT_MAX_DEPTH): Amf0Value {
  return readValue(r, 0, maxDepth);
}

function fail(r: ByteReader, message: string): never {
  throw new TributaryError('ERR_RTMP_PROTOCOL', `AMF0: ${message} at offset ${r.pos}`);
}

function readValue(r: ByteReader, depth: number, maxDepth: number): Amf0Value {
  const marker = r.u8('type marker');
  switch (marker) {
    case Amf0Marker.Number:
      return f64(r);
    case Amf0Marker.Boolean:
      return r.u8('boolean') !== 0;
    case Amf0Marker.String:
      return text(r, r.u16('string length'));
    case Amf0Marker.LongString:
    case Amf0Marker.XmlDocument:
      return text(r, r.u32('long string length'));
    case Amf0Marker.Null:
      return null;
    case Amf0Marker.Undefined:
      return undefined;
    case Amf0Marker.Object:
      enter(r, depth, maxDepth);
      return readProperties(r, depth + 1, maxDepth, false);
    case Amf0Marker.EcmaArray:
      enter(r, depth, maxDepth);
      // The count is advisory (§2.10): encoders get it wrong, so the end marker decides.
      r.u32('ECMA array count');
      return new Amf0EcmaArray(readProperties(r, depth + 1, maxDepth, true));
    case Amf0Marker.StrictArray:
      enter(r, depth, maxDepth);
      return readStrictArray(r, depth + 1, maxDepth);
    case Amf0Marker.Date: {
      const ms = f64(r);
      r.u16('date time zone'); // reserved, "should be 0" (§2.13)
      return new Date(ms);
    }
    case Amf0Marker.AvmPlusObject:
      return fail(r, 'switch to AMF3 (marker 0x11) is not supported');
    case Amf0Marker.ObjectEnd:
      return fail(r, 'object-end marker outside an object');
    default:
      return fail(r, `unsupported type marker 0x${marker.toString(16).padStart(2, '0')}`);
  }
}

function enter(r: ByteReader, depth: number, maxDepth: number): void {
  if (depth >= maxDepth) fail(r, `nesting deeper than ${maxDepth}`);
}

function f64(r: ByteReader): number {
  const b = r.bytesView(8, 'number');
  return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0);
}

function text(r: ByteReader, length: number): string {
  return utf8.decode(r.bytesView(length, 'string'));
}

/** Key/value pairs up to the `00 00 09` terminator (§2.5). */
function readProperties(r: ByteReader, depth: number, maxDepth: number, lenientEnd: boolean): Amf0Object {
  const out: Amf0Object = {};
  for (;;) {
    // Some encoders end metadata ECMA arrays at the end of the message without a terminator.
    if (lenientEnd && r.remaining === 0) return out;
    const key = text(r, r.u16('property name length'));
    if (key === '') {
      const end = r.u8('object-end marker');
      if (end === Amf0Marker.ObjectEnd) return out;
      fail(r, `empty property name not followed by object-end marker (got 0x${end.toString(16)})`);
    }
    defineAmf0Property(out, key, readValue(r, depth, maxDepth));
  }
}

function readStrictArray(r: ByteReader, depth: number, maxDepth: number): Amf0Value[] {
  const count = r.u32('strict array count');
  // Every value takes at least its marker byte, so a larger count is a lie: refuse before looping.
  if (count > r.remaining) fail(r, `strict array announces ${count} values but only ${r.remaining} bytes remain`);
  const out: Amf0Value[] = [];
  for (let i = 0; i < count; i++) out.push(readValue(r, depth, maxDepth));
  return out;
}
