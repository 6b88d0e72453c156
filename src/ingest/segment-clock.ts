/**
 * Keeps the renditions of one channel cutting their fragments at the same key frames, and gives
 * fragments that start at the same instant the same sequence number (HLS media sequence numbers
 * then agree across variants, and DASH/Smooth timelines line up).
 *
 * Times are bigint ticks of a 90 kHz channel clock. A track asks `decide` at every sync sample:
 * it cuts when another track already cut within `tolerance` of this instant (follow the leader,
 * so a rendition that joined late falls into step), or when its open fragment has reached the
 * target duration less the tolerance (it leads, and the others follow).
 */
export const CHANNEL_TIMESCALE = 90000;

interface Cut {
  time: bigint;
  sequence: number;
}

const MAX_REMEMBERED = 256;

export class SegmentClock {
  private readonly cuts: Cut[] = [];
  private readonly target: bigint;
  private readonly tolerance: bigint;

  constructor(targetMs: number, toleranceMs = Math.min(250, targetMs / 8)) {
    this.target = BigInt(Math.round(targetMs * 90));
    this.tolerance = BigInt(Math.round(toleranceMs * 90));
  }

  /**
   * Whether a track whose open fragment started at `openStart` (undefined: none open) should
   * start a new fragment at the sync sample `time`, and the sequence number that fragment gets.
   * `lastSequence` is the track's previous sequence number: numbers only ever increase per track.
   */
  decide(openStart: bigint | undefined, time: bigint, lastSequence = -1): { cut: boolean; sequence: number } {
    const known = this.find(time);
    const due = openStart === undefined || time - openStart >= this.target - this.tolerance;
    if (!known && !due) return { cut: false, sequence: lastSequence };
    if (known && openStart !== undefined && time - openStart <= this.tolerance) return { cut: false, sequence: lastSequence };
    const sequence = Math.max(known ? known.sequence : this.nextSequence(), lastSequence + 1);
    if (!known) this.remember({ time, sequence });
    return { cut: true, sequence };
  }

  /** Sequence number for a fragment that starts at `time` (audio following its video's cuts). */
  sequenceAt(time: bigint, lastSequence = -1): number {
    const known = this.find(time);
    const sequence = Math.max(known ? known.sequence : this.nextSequence(), lastSequence + 1);
    if (!known) this.remember({ time, sequence });
    return sequence;
  }

  private nextSequence(): number {
    return this.cuts.length === 0 ? 0 : this.cuts[this.cuts.length - 1].sequence + 1;
  }

  private find(time: bigint): Cut | undefined {
    for (let i = this.cuts.length - 1; i >= 0; i--) {
      const d = this.cuts[i].time - time;
      if (d <= this.tolerance && d >= -this.tolerance) return this.cuts[i];
      if (d < -this.tolerance) break;
    }
    return undefined;
  }

  private remember(cut: Cut): void {
    let i = this.cuts.length;
    while (i > 0 && this.cuts[i - 1].time > cut.time) i--;
    this.cuts.splice(i, 0, cut);
    if (this.cuts.length > MAX_REMEMBERED) this.cuts.shift();
  }
}
