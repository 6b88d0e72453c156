/** A satisfiable single byte range, inclusive of both ends (RFC 9110 §14.1.2). */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/**
 * Reads a `Range` header for a body of `length` bytes: a single range `a-b`, `a-` or `-n`.
 * Undefined means "send the whole body": no header, another unit, a malformed value, or several
 * ranges (RFC 9110 §14.2 lets a server ignore Range; players ask for one). 'unsatisfiable' is
 * a range that starts past the end, or a zero-length suffix (416).
 */
export function parseByteRange(header: string | undefined, length: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = SINGLE.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || length === 0) return 'unsatisfiable';
    return { start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= length) return 'unsatisfiable';
  const end = m[2] === '' ? length - 1 : Number(m[2]);
  return { start, end: Math.min(end, length - 1) };
}
