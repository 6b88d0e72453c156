import { TributaryError } from '../../util/errors.js';

/** OBU types (AV1 spec §6.2.2, Table "obu_type"). */
export const OBU_SEQUENCE_HEADER = 1;
export const OBU_TEMPORAL_DELIMITER = 2;

/** One Open Bitstream Unit of a low-overhead bitstream (AV1 spec §5.2). */
export interface Obu {
  type: number;
  /** The whole OBU: header, size field and payload (a view, not a copy). */
  bytes: Uint8Array;
  /** The payload after the header and size field. */
  payload: Uint8Array;
}

const fail = (what: string) => new TributaryError('ERR_MEDIA', `AV1 OBU: ${what}`);

/**
 * leb128() (§4.10.5): at most 8 bytes, each carrying 7 bits, least significant first. The value
 * is bounded by the caller against the bytes left, so no read goes past the buffer.
 */
function readLeb128(b: Uint8Array, pos: number): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    if (pos + i >= b.length) throw fail('truncated leb128 size');
    const byte = b[pos + i];
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (!(byte & 0x80)) return { value, length: i + 1 };
  }
  throw fail('leb128 size longer than 8 bytes');
}

/**
 * Splits a temporal unit or configOBUs into OBUs (§5.3.1 obu_header, §5.3.2). An OBU without
 * obu_has_size_field runs to the end of the buffer, as the low-overhead format allows for the last
 * one; every size is checked against the bytes left.
 */
export function splitObus(data: Uint8Array): Obu[] {
  const out: Obu[] = [];
  let pos = 0;
  while (pos < data.length) {
    const header = data[pos];
    if (header & 0x80) throw fail(`forbidden bit set at offset ${pos}`);
    const type = (header >> 3) & 0x0f;
    const hasExtension = (header & 0x04) !== 0;
    const hasSize = (header & 0x02) !== 0;
    let at = pos + 1 + (hasExtension ? 1 : 0);
    if (at > data.length) throw fail(`truncated header at offset ${pos}`);
    let size: number;
    if (hasSize) {
      const leb = readLeb128(data, at);
      at += leb.length;
      size = leb.value;
      if (size > data.length - at) throw fail(`OBU of type ${type} at offset ${pos} declares ${size} bytes, ${data.length - at} are left`);
    } else {
      size = data.length - at;
    }
    out.push({ type, bytes: data.subarray(pos, at + size), payload: data.subarray(at, at + size) });
    pos = at + size;
  }
  return out;
}

/**
 * A temporal unit as ISOBMFF stores it (AV1-ISOBMFF §2.4): the same OBUs without temporal
 * delimiters. Returns the input itself when there is none to drop.
 */
export function withoutTemporalDelimiters(data: Uint8Array): Uint8Array {
  const obus = splitObus(data);
  if (!obus.some((o) => o.type === OBU_TEMPORAL_DELIMITER)) return data;
  const kept = obus.filter((o) => o.type !== OBU_TEMPORAL_DELIMITER);
  const out = new Uint8Array(kept.reduce((n, o) => n + o.bytes.length, 0));
  let at = 0;
  for (const o of kept) {
    out.set(o.bytes, at);
    at += o.bytes.length;
  }
  return out;
}
