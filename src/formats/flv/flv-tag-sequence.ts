import { TributaryError } from '../../util/errors.js';

/** One FLV tag (FLV 10.1 §E.4.1) as found in an RTMP aggregate message. */
export interface FlvTag {
  /** TagType: 8 audio, 9 video, 18 script data. */
  type: number;
  /** Timestamp in ms: the 24-bit field plus TimestampExtended as the upper 8 bits. */
  timestamp: number;
  data: Uint8Array;
}

const TAG_HEADER = 11;
const BACK_POINTER = 4;

/**
 * Splits a sequence of FLV tags (header + body + PreviousTagSize), the payload of an RTMP
 * aggregate message (type 22). Bodies are views into `bytes`. A tag whose size runs past the end
 * throws; a missing final back-pointer is tolerated.
 */
export function readFlvTags(bytes: Uint8Array): FlvTag[] {
  const tags: FlvTag[] = [];
  let pos = 0;
  while (bytes.length - pos >= TAG_HEADER) {
    const size = (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3];
    const end = pos + TAG_HEADER + size;
    if (end > bytes.length) {
      throw new TributaryError('ERR_MEDIA', `FLV tag at offset ${pos} announces ${size} bytes but only ${bytes.length - pos - TAG_HEADER} remain`);
    }
    const timestamp = ((bytes[pos + 7] << 24) | (bytes[pos + 4] << 16) | (bytes[pos + 5] << 8) | bytes[pos + 6]) >>> 0;
    // The top bits of TagType are Reserved and Filter (encryption); the type is the low 5 bits.
    tags.push({ type: bytes[pos] & 0x1f, timestamp, data: bytes.subarray(pos + TAG_HEADER, end) });
    pos = Math.min(end + BACK_POINTER, bytes.length);
  }
  if (pos !== bytes.length) throw new TributaryError('ERR_MEDIA', `${bytes.length - pos} stray bytes after the last FLV tag`);
  return tags;
}

/** The inverse of readFlvTags, with stream id 0 and correct back-pointers. */
export function writeFlvTags(tags: readonly FlvTag[]): Uint8Array {
  const total = tags.reduce((n, t) => n + TAG_HEADER + t.data.length + BACK_POINTER, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const t of tags) {
    const n = t.data.length;
    out.set([t.type, n >> 16, (n >> 8) & 0xff, n & 0xff, (t.timestamp >> 16) & 0xff, (t.timestamp >> 8) & 0xff, t.timestamp & 0xff, (t.timestamp >>> 24) & 0xff, 0, 0, 0], pos);
    out.set(t.data, pos + TAG_HEADER);
    view.setUint32(pos + TAG_HEADER + n, TAG_HEADER + n);
    pos += TAG_HEADER + n + BACK_POINTER;
  }
  return out;
}
