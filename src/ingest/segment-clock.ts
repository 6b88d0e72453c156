/**
 * Keeps the renditions of one channel cutting their fragments at the same key frames, and gives
 * fragments that start at the same instant the same sequence number (HLS media sequence numbers
 * then agree across variants, and DASH/Smooth timelines line up).
 *
 * Times are bigint ticks of a 90 kHz channel clock. The channel keeps the cuts made so far. At a
 * sync sample a track cuts when some track already cut within `tolerance` of that instant
 * (whichever rendition's key frame arrives first decides, the others follow), or when the
 * instant is a target duration past the channel's latest cut (a new cut). A track that joins
 * late waits for the next shared cut, so its fragments line up from the first. A track out of
 * step with the others (misaligned GOPs) still cuts once its fragment reaches twice the target.
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
   * Whether a track whose open fragment started at `openStart` (undefined: none open yet) starts
   * a new fragment at the sync sample `time`, and that fragment's sequence number.
   * `lastSequence` is the track's previous number: numbers only ever increase per track.
   * `slack` overrides the tolerance for a track whose every sample is a sync sample (audio
   * alone), which can cut exactly on time.
   */
  decide(openStart: bigint | undefined, time: bigint, lastSequence = -1, slack?: bigint): { cut: boolean; sequence: number } {
    const no = { cut: false, sequence: lastSequence };
    const tolerance = slack ?? this.tolerance;
    const known = this.find(time);
    if (known) {
      if (openStart !== undefined && time - openStart <= this.tolerance) return no;
      return { cut: true, sequence: Math.max(known.sequence, lastSequence + 1) };
    }
    const latest = this.cuts[this.cuts.length - 1];
    if (!latest || time - latest.time >= this.target - tolerance) {
      const sequence = Math.max(this.nextSequence(), lastSequence + 1);
      this.remember({ time, sequence });
      return { cut: true, sequence };
    }
    if (openStart !== undefined && time - openStart >= 2n * this.target - this.tolerance) return { cut: true, sequence: lastSequence + 1 };
    // Far behind the channel (a source with lagging timestamps): do not wait for a shared cut.
    if (openStart === undefined && latest.time - time > this.target) return { cut: true, sequence: lastSequence + 1 };
    return no;
  }

  /**
   * The cut nearest to `time`, if one lies within `within` ticks of it: a remembered cut, or the
   * next one the channel's cadence predicts (the latest cut plus the spacing of the last two).
   * An encoder restarted beside a running one often reaches its first key frame a moment
   * before the running one reaches the matching key frame; that cut is not made yet, but it is
   * where the running encoder will cut.
   */
  nearestCut(time: bigint, within: bigint): bigint | undefined {
    const n = this.cuts.length;
    const candidates = this.cuts.map((c) => c.time);
    if (n >= 2) candidates.push(2n * this.cuts[n - 1].time - this.cuts[n - 2].time);
    let best: bigint | undefined;
    const distance = (t: bigint) => (t > time ? t - time : time - t);
    for (const t of candidates) if (distance(t) <= within && (best === undefined || distance(t) < distance(best))) best = t;
    return best;
  }

  hasCuts(): boolean {
    return this.cuts.length > 0;
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
