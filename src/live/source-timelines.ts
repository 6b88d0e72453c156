/**
 * Where each connected source sits on the channel's media time. Renditions of one encoder send
 * timestamps from one clock, so a source whose first timestamp is close to what the sources
 * already running are sending joins them with the same offset (its fragments then align with
 * theirs). A source that matches nobody starts a new encoder session: it is placed at the
 * later of the wall-clock live edge and the end of what is stored, which keeps media time in
 * step with the wall clock (DASH availability, HLS PROGRAM-DATE-TIME) and never goes back.
 */
export interface SourceJoin {
  source: string;
  firstTimestampMs: number;
  nowMediaMs: number;
  endMediaMs: number;
}

interface Placed {
  offsetMs: number;
  /** The source's latest media time (ms), advanced as its fragments are listed. */
  lastMediaMs: number;
  since: number;
  connected: boolean;
}

/** How far apart two sources' timestamps may be and still be renditions of one encoder. */
const SAME_ENCODER_MS = 10_000;

export class SourceTimelines {
  private readonly placed = new Map<string, Placed>();
  private everJoined = false;

  join(j: SourceJoin): { offsetMs: number; discontinuity: boolean } {
    for (const [name, p] of this.placed) {
      if (name === j.source || !p.connected) continue;
      const theirTimestamp = p.lastMediaMs - p.offsetMs;
      if (Math.abs(theirTimestamp - j.firstTimestampMs) <= SAME_ENCODER_MS) {
        return this.place(j, p.offsetMs, false);
      }
    }
    const first = !this.everJoined;
    this.everJoined = true;
    const start = first ? j.firstTimestampMs : Math.max(j.nowMediaMs, j.endMediaMs);
    return this.place(j, start - j.firstTimestampMs, !first);
  }

  advance(source: string, mediaMs: number): void {
    const p = this.placed.get(source);
    if (p && mediaMs > p.lastMediaMs) p.lastMediaMs = mediaMs;
  }

  leave(source: string): void {
    const p = this.placed.get(source);
    if (p) p.connected = false;
  }

  describe(): { source: string; connected: boolean; offsetMs: number; lastMediaMs: number }[] {
    return [...this.placed].map(([source, p]) => ({ source, connected: p.connected, offsetMs: p.offsetMs, lastMediaMs: p.lastMediaMs }));
  }

  private place(j: SourceJoin, offsetMs: number, discontinuity: boolean): { offsetMs: number; discontinuity: boolean } {
    this.placed.set(j.source, { offsetMs, lastMediaMs: j.firstTimestampMs + offsetMs, since: j.nowMediaMs, connected: true });
    return { offsetMs, discontinuity };
  }
}
