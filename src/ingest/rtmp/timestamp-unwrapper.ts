const WRAP = 2 ** 32;
const HALF = 2 ** 31;

/**
 * Turns 32-bit RTMP millisecond timestamps, which wrap after about 49.7 days, into a monotonic
 * number. Successive values are compared with serial number arithmetic (RFC 1982): a difference
 * below 2^31 is a step forward, across the wrap if need be. A step backwards (an encoder restart,
 * a bad muxer) does not move the output back: it stays put and counts on from there, so what
 * the sink sees never decreases. Use one unwrapper per message type (audio, video).
 */
export class TimestampUnwrapper {
  private lastRaw: number | undefined;
  private lastOut = 0;

  unwrap(raw: number): number {
    raw = raw >>> 0;
    if (this.lastRaw === undefined) {
      this.lastRaw = raw;
      this.lastOut = raw;
      return raw;
    }
    const diff = (raw - this.lastRaw + WRAP) % WRAP;
    if (diff < HALF) this.lastOut += diff;
    this.lastRaw = raw;
    return this.lastOut;
  }
}
