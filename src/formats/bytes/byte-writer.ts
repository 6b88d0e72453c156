/**
 * A big-endian byte writer. It grows by doubling when a write would overflow, so callers that
 * know the final size (the fMP4 fragment writer) pass it as `capacity` and never reallocate.
 * Sizes of nested structures (ISO BMFF boxes) are written as placeholders and patched later
 * with `patchU32`, which avoids building children in separate buffers.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(capacity, 16));
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.pos, v & 0xffff);
    this.pos += 2;
    return this;
  }

  u24(v: number): this {
    this.ensure(3);
    this.buf[this.pos] = (v >>> 16) & 0xff;
    this.buf[this.pos + 1] = (v >>> 8) & 0xff;
    this.buf[this.pos + 2] = v & 0xff;
    this.pos += 3;
    return this;
  }

  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
    return this;
  }

  i32(v: number): this {
    this.ensure(4);
    this.view.setInt32(this.pos, v | 0);
    this.pos += 4;
    return this;
  }

  /** An unsigned 64-bit value; numbers must be safe integers. */
  u64(v: bigint | number): this {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, BigInt(v)));
    this.pos += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /**
   * ASCII text. With `length`, writes exactly that many bytes: the text is NUL-padded, and a
   * longer text is an error rather than silently truncated (a four-character code must be four).
   */
  ascii(text: string, length = text.length): this {
    if (text.length > length) throw new Error(`ByteWriter: "${text}" does not fit in ${length} bytes`);
    this.ensure(length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) throw new Error(`ByteWriter: "${text}" is not ASCII`);
      this.buf[this.pos + i] = c;
    }
    this.buf.fill(0, this.pos + text.length, this.pos + length);
    this.pos += length;
    return this;
  }

  /** Overwrites four bytes already written at `offset` (a size placeholder). */
  patchU32(offset: number, v: number): this {
    if (offset < 0 || offset + 4 > this.pos) throw new Error(`ByteWriter: patch at ${offset} is outside the written bytes`);
    this.view.setUint32(offset, v >>> 0);
    return this;
  }

  /** The written bytes. A view of the internal buffer: do not keep writing after this. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
