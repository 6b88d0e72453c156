import { ByteReader } from '../bytes/byte-reader.js';
import { TributaryError } from '../../util/errors.js';

/** One box found by `readBoxes`; offsets are absolute in `bytes`. */
export interface Mp4Box {
  type: string;
  /** The 16-byte extended type of a `uuid` box, as lowercase hex. */
  userType?: string;
  start: number;
  /** Offset of the payload (after size, type, largesize and usertype). */
  payloadStart: number;
  end: number;
  bytes: Uint8Array;
}

/** The payload of a box, as a view. */
export const boxPayload = (b: Mp4Box): Uint8Array => b.bytes.subarray(b.payloadStart, b.end);

/** A bounds-checked reader over a box payload, named for error messages. */
export const boxReader = (b: Mp4Box): ByteReader => new ByteReader(b.bytes, b.payloadStart, b.end, `'${b.type}' box`);

/**
 * The sequence of boxes in `bytes[start, end)` (ISO 14496-12 §4.2). Size 1 means a 64-bit
 * largesize follows; size 0 means "to the end of the enclosing range". Any other size below the
 * header, or one that runs past `end`, is an ERR_MEDIA error: nothing is read beyond the range.
 */
export function readBoxes(bytes: Uint8Array, start = 0, end = bytes.length): Mp4Box[] {
  const boxes: Mp4Box[] = [];
  let pos = start;
  while (pos < end) {
    const r = new ByteReader(bytes, pos, end, 'box header');
    const size32 = r.u32('size');
    const type = r.ascii(4, 'type');
    let size: number;
    if (size32 === 1) {
      const large = r.u64('largesize');
      if (large > BigInt(end - pos)) throw bad(type, pos, `largesize ${large} runs past the end (${end - pos} bytes left)`);
      size = Number(large);
      if (size < 16) throw bad(type, pos, `largesize ${size} is smaller than its header`);
    } else {
      size = size32 === 0 ? end - pos : size32;
      if (size < 8) throw bad(type, pos, `size ${size} is smaller than a box header`);
      if (size > end - pos) throw bad(type, pos, `size ${size} runs past the end (${end - pos} bytes left)`);
    }
    const box: Mp4Box = { type, start: pos, payloadStart: r.pos, end: pos + size, bytes };
    if (type === 'uuid') {
      if (r.pos + 16 > box.end) throw bad(type, pos, 'too small for its usertype');
      box.userType = Buffer.from(bytes.subarray(r.pos, r.pos + 16)).toString('hex');
      box.payloadStart += 16;
    }
    boxes.push(box);
    pos = box.end;
  }
  return boxes;
}

function bad(type: string, pos: number, what: string): TributaryError {
  return new TributaryError('ERR_MEDIA', `MP4 box '${printable(type)}' at offset ${pos}: ${what}`);
}

const printable = (t: string) => t.replace(/[^\x20-\x7e]/g, '?');

/** The child boxes of a container box. */
export function childBoxes(parent: Mp4Box, skip = 0): Mp4Box[] {
  return readBoxes(parent.bytes, parent.payloadStart + skip, parent.end);
}

/** The first box of `type` among `boxes`, or undefined. */
export function findBox(boxes: readonly Mp4Box[], type: string): Mp4Box | undefined {
  return boxes.find((b) => b.type === type);
}

/** Like `findBox`, but a missing box is an ERR_MEDIA error naming where it was expected. */
export function requireBox(boxes: readonly Mp4Box[], type: string, inside: string): Mp4Box {
  const b = findBox(boxes, type);
  if (!b) throw new TributaryError('ERR_MEDIA', `MP4: no '${type}' box in ${inside}`);
  return b;
}

/** Follows a path of container types from the top level, e.g. ['moov', 'trak', 'mdia']. */
export function findPath(bytes: Uint8Array, path: readonly string[]): Mp4Box | undefined {
  let boxes = readBoxes(bytes);
  let found: Mp4Box | undefined;
  for (const type of path) {
    if (found) boxes = childBoxes(found);
    found = findBox(boxes, type);
    if (!found) return undefined;
  }
  return found;
}
