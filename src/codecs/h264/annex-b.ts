/**
 * Annex B byte streams (H.264 Annex B): NAL units separated by 00 00 01 or 00 00 00 01 start
 * codes. Only the MPEG-TS side and test fixtures deal in this form; samples inside the origin
 * are length-prefixed (see src/model/sample.ts).
 */

/** The NAL units of an Annex B stream, as views into it, with start codes and trailing zeros removed. */
export function splitAnnexB(stream: Uint8Array): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < stream.length) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      if (start >= 0) nals.push(trimTrailingZeros(stream.subarray(start, i)));
      i += 3;
      start = i;
    } else {
      i++;
    }
  }
  if (start >= 0 && start < stream.length) nals.push(trimTrailingZeros(stream.subarray(start)));
  return nals.filter((n) => n.length > 0);
}

function trimTrailingZeros(nal: Uint8Array): Uint8Array {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end--;
  return nal.subarray(0, end);
}

/** NAL units joined with 4-byte big-endian length prefixes (the sample form, lengthSize 4). */
export function lengthPrefixNals(nals: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const n of nals) size += 4 + n.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let pos = 0;
  for (const n of nals) {
    view.setUint32(pos, n.length);
    out.set(n, pos + 4);
    pos += 4 + n.length;
  }
  return out;
}
