/**
 * Counts bytes received and says when to send an Acknowledgement: whenever the bytes since the
 * last one reach the window the peer announced with WindowAckSize (RTMP 1.0 §5.4.3, §5.4.4).
 * Some hardware encoders stall without acknowledgements.
 */
export class AckWindow {
  private total = 0;
  private lastAck = 0;

  /** ffmpeg's default window, used until the peer announces one. */
  constructor(private window = 2_500_000) {}

  setWindow(size: number): void {
    this.window = size;
  }

  /**
   * Records `n` received bytes; returns the sequence number (total bytes mod 2^32) to
   * acknowledge, or undefined when no acknowledgement is due.
   */
  received(n: number): number | undefined {
    this.total += n;
    if (this.window <= 0 || this.total - this.lastAck < this.window) return undefined;
    this.lastAck = this.total;
    return this.total % 2 ** 32;
  }
}
