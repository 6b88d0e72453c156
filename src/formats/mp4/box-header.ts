import { TributaryError } from '../../util/errors.js';

/** A box header read on its own, before the payload has arrived (streaming parsers). */
export interface BoxHeader {
  type: string;
  /** The 16-byte extended type of a `uuid` box, as lowercase hex. */
  userType?: string;
  /** Bytes of size, type, largesize and usertype. */
  headerSize: number;
  /** The whole box including its header; undefined for size 0 ("extends to the end of the file"). */
  size: number | undefined;
}

/**
 * The most a box header can take: size(4) type(4) largesize(8) usertype(16). A streaming reader
 * that has this many bytes (or all that is left) can always decide.
 */
export const MAX_BOX_HEADER = 32;

/**
 * Reads the box header at `bytes[pos, end)` (ISO 14496-12 §4.2) or returns undefined when more
 * bytes are needed to know it. Size 1 means a 64-bit largesize follows; size 0 means the box
 * runs to the end of the file. A size smaller than its own header, or a largesize beyond what a
 * JavaScript number holds exactly, is an ERR_MEDIA error.
 */
export function readBoxHeader(bytes: Uint8Array, pos = 0, end = bytes.length): BoxHeader | undefined {
  if (end - pos < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size32 = view.getUint32(pos);
  const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
  let headerSize = 8;
  let size: number | undefined;
  if (size32 === 1) {
    if (end - pos < 16) return undefined;
    const large = view.getBigUint64(pos + 8);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(type, `largesize ${large} is beyond 2^53`);
    size = Number(large);
    headerSize = 16;
  } else if (size32 !== 0) {
    size = size32;
  }
  if (type === 'uuid') {
    if (end - pos < headerSize + 16) return undefined;
    const userType = Buffer.from(bytes.subarray(pos + headerSize, pos + headerSize + 16)).toString('hex');
    headerSize += 16;
    if (size !== undefined && size < headerSize) throw bad(type, `size ${size} is smaller than its ${headerSize}-byte header`);
    return { type, userType, headerSize, size };
  }
  if (size !== undefined && size < headerSize) throw bad(type, `size ${size} is smaller than its ${headerSize}-byte header`);
  return { type, headerSize, size };
}

/** Whether a four-character code is printable ASCII, as every registered box type is. */
export function isPrintableType(type: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(type);
}

function bad(type: string, what: string): TributaryError {
  return new TributaryError('ERR_MEDIA', `MP4 box '${type.replace(/[^\x20-\x7e]/g, '?')}': ${what}`);
}
