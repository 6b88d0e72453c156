/**
 * Bytes received but not yet parsed, as a list of the socket's buffers (no copying on push).
 * The chunk reader drains it eagerly, so it never holds more than what one read delivered.
 */
export class ByteQueue {
  private readonly parts: Uint8Array[] = [];
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(b: Uint8Array): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.size += b.length;
  }

  /** The byte at `index` from the front; the caller checks `length`. */
  at(index: number): number {
    let i = index + this.head;
    for (const p of this.parts) {
      if (i < p.length) return p[i];
      i -= p.length;
    }
    throw new RangeError(`ByteQueue: index ${index} past ${this.size} bytes`);
  }

  /** Copies `n` bytes from the front into a new array without consuming them. */
  peek(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    let skip = this.head;
    for (const p of this.parts) {
      if (filled === n) break;
      const take = Math.min(p.length - skip, n - filled);
      out.set(p.subarray(skip, skip + take), filled);
      filled += take;
      skip = 0;
    }
    if (filled < n) throw new RangeError(`ByteQueue: ${n} bytes requested, ${this.size} held`);
    return out;
  }

  /** Removes up to `n` bytes from the front, returned as views of the pushed buffers. */
  take(n: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    while (n > 0 && this.parts.length > 0) {
      const p = this.parts[0];
      const avail = p.length - this.head;
      const k = Math.min(avail, n);
      out.push(p.subarray(this.head, this.head + k));
      n -= k;
      this.size -= k;
      if (k === avail) {
        this.parts.shift();
        this.head = 0;
      } else {
        this.head += k;
      }
    }
    return out;
  }

  skip(n: number): void {
    this.take(n);
  }
}
