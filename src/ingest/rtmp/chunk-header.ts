/**
 * Chunk headers, RTMP 1.0 §5.3.1: a basic header (fmt + chunk stream id in 1, 2 or 3 bytes),
 * a message header of 11, 7, 3 or 0 bytes by fmt, and an extended timestamp when the 24-bit
 * field holds 0xFFFFFF.
 */
export interface ChunkHeaderFields {
  fmt: 0 | 1 | 2 | 3;
  csid: number;
  /** Absolute timestamp (fmt 0) or delta (fmt 1, 2); ignored for fmt 3 unless `extended`. */
  timestamp?: number;
  length?: number;
  typeId?: number;
  streamId?: number;
  /**
   * For fmt 3 only: whether the 4-byte extended timestamp is present (it is whenever the header
   * this chunk inherits from used one, §5.3.1.3).
   */
  extended?: boolean;
}

export const MIN_CSID = 2;
export const MAX_CSID = 65599;
export const EXTENDED_TIMESTAMP = 0xffffff;
const MESSAGE_HEADER_SIZES = [11, 7, 3, 0] as const;

export function messageHeaderSize(fmt: number): number {
  return MESSAGE_HEADER_SIZES[fmt];
}

/** Length of the basic header announced by its first byte. */
export function basicHeaderSize(firstByte: number): number {
  const low = firstByte & 0x3f;
  return low === 0 ? 2 : low === 1 ? 3 : 1;
}

export function encodeChunkHeader(h: ChunkHeaderFields): Uint8Array {
  if (!(h.csid >= MIN_CSID && h.csid <= MAX_CSID)) throw new RangeError(`RTMP: chunk stream id ${h.csid} out of range`);
  const out: number[] = [];
  if (h.csid < 64) out.push((h.fmt << 6) | h.csid);
  else if (h.csid < 320) out.push(h.fmt << 6, h.csid - 64);
  else out.push((h.fmt << 6) | 1, (h.csid - 64) & 0xff, (h.csid - 64) >> 8);
  const ts = h.timestamp ?? 0;
  const extended = h.fmt === 3 ? h.extended === true : ts >= EXTENDED_TIMESTAMP;
  if (h.fmt <= 2) {
    const field = extended ? EXTENDED_TIMESTAMP : ts;
    out.push((field >> 16) & 0xff, (field >> 8) & 0xff, field & 0xff);
  }
  if (h.fmt <= 1) {
    const len = h.length ?? 0;
    out.push((len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff, h.typeId ?? 0);
  }
  if (h.fmt === 0) {
    const sid = h.streamId ?? 0;
    // The message stream id is the one little-endian field in RTMP (§5.3.1.2.1).
    out.push(sid & 0xff, (sid >> 8) & 0xff, (sid >> 16) & 0xff, (sid >>> 24) & 0xff);
  }
  if (extended) out.push((ts >>> 24) & 0xff, (ts >> 16) & 0xff, (ts >> 8) & 0xff, ts & 0xff);
  return Uint8Array.from(out);
}
