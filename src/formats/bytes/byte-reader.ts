import { TributaryError } from '../../util/errors.js';

/**
 * A bounds-checked big-endian reader over `bytes[start, end)`. Every read checks the remaining
 * length first and throws an ERR_MEDIA error naming what was being read (`what`) and where, so a
 * truncated or lying length field in untrusted media can never read past its container.
 */
export class ByteReader {
  private readonly view: DataView;
  /** Absolute offset into `bytes` of the next read. */
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly start = 0,
    readonly end = bytes.length,
    readonly what = 'data',
  ) {
    if (start < 0 || end > bytes.length || start > end) {
      throw new TributaryError('ERR_MEDIA', `${what}: range ${start}..${end} is outside ${bytes.length} bytes`);
    }
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, field = 'field'): void {
    if (!(n >= 0) || n > this.end - this.pos) {
      throw new TributaryError(
        'ERR_MEDIA',
        `${this.what}: ${field} needs ${n} bytes at offset ${this.pos} but only ${this.end - this.pos} remain`,
      );
    }
  }

  u8(field?: string): number {
    this.need(1, field);
    return this.bytes[this.pos++];
  }

  u16(field?: string): number {
    this.need(2, field);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u24(field?: string): number {
    this.need(3, field);
    const b = this.bytes;
    const v = (b[this.pos] << 16) | (b[this.pos + 1] << 8) | b[this.pos + 2];
    this.pos += 3;
    return v;
  }

  u32(field?: string): number {
    this.need(4, field);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  i32(field?: string): number {
    this.need(4, field);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  u64(field?: string): bigint {
    this.need(8, field);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }

  /** The next `n` bytes as a view into the input (no copy). */
  bytesView(n: number, field?: string): Uint8Array {
    this.need(n, field);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** `n` bytes as ASCII text (a four-character code, a fixed-size name); NULs are kept. */
  ascii(n: number, field?: string): string {
    this.need(n, field);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.pos + i]);
    this.pos += n;
    return s;
  }

  skip(n: number, field?: string): void {
    this.need(n, field);
    this.pos += n;
  }

  /** A reader over the next `n` bytes, advancing this one past them. */
  sub(n: number, what = this.what): ByteReader {
    this.need(n, what);
    const r = new ByteReader(this.bytes, this.pos, this.pos + n, what);
    this.pos += n;
    return r;
  }
}
