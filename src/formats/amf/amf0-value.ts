/**
 * AMF0 values as JavaScript sees them (Adobe AMF0 specification §2). Anonymous objects are
 * plain objects; ECMA arrays keep their own class so that a value read and written again keeps
 * its marker (metadata is an ECMA array, command objects are anonymous objects).
 */
export type Amf0Value =
  | number
  | boolean
  | string
  | null
  | undefined
  | Date
  | Amf0Value[]
  | Amf0Object
  | Amf0EcmaArray;

export interface Amf0Object {
  [key: string]: Amf0Value;
}

/** An associative array (marker 0x08), e.g. the `onMetaData` payload. */
export class Amf0EcmaArray {
  constructor(readonly entries: Amf0Object = {}) {}
}

/** Type markers, AMF0 §2.1. */
export const Amf0Marker = {
  Number: 0x00,
  Boolean: 0x01,
  String: 0x02,
  Object: 0x03,
  MovieClip: 0x04,
  Null: 0x05,
  Undefined: 0x06,
  Reference: 0x07,
  EcmaArray: 0x08,
  ObjectEnd: 0x09,
  StrictArray: 0x0a,
  Date: 0x0b,
  LongString: 0x0c,
  Unsupported: 0x0d,
  RecordSet: 0x0e,
  XmlDocument: 0x0f,
  TypedObject: 0x10,
  AvmPlusObject: 0x11,
} as const;

/** True for a plain anonymous object (not an array, Date or ECMA array). */
export function isAmf0Object(v: Amf0Value): v is Amf0Object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Amf0EcmaArray);
}

/**
 * Sets a property without going through `__proto__` or other setters: keys come from the wire,
 * and a key named `__proto__` must stay a plain data property.
 */
export function defineAmf0Property(target: Amf0Object, key: string, value: Amf0Value): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Deep copy with ECMA arrays turned into plain objects: what a consumer that only wants
 * key/value data (stream metadata) should see.
 */
export function amf0ToPlain(v: Amf0Value): unknown {
  if (v instanceof Amf0EcmaArray) return amf0ToPlain(v.entries);
  if (Array.isArray(v)) return v.map(amf0ToPlain);
  if (isAmf0Object(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: amf0ToPlain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
