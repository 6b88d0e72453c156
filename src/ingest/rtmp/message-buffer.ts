const INITIAL_CAPACITY = 16 * 1024;

/**
 * The bytes of one message being reassembled. It grows by doubling as bytes actually arrive
 * instead of allocating the announced length up front, so a peer that announces large messages
 * and sends nothing costs at most the initial capacity.
 */
export class MessageBuffer {
  private buf: Uint8Array;
  filled = 0;

  constructor(readonly length: number) {
    this.buf = new Uint8Array(Math.min(length, INITIAL_CAPACITY));
  }

  get complete(): boolean {
    return this.filled === this.length;
  }

  append(b: Uint8Array): void {
    const need = this.filled + b.length;
    if (need > this.length) throw new RangeError(`message of ${this.length} bytes overfilled`);
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.min(this.length, Math.max(need, this.buf.length * 2)));
      next.set(this.buf.subarray(0, this.filled));
      this.buf = next;
    }
    this.buf.set(b, this.filled);
    this.filled = need;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.filled);
  }
}
