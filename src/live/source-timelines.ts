import type { EncoderInfo, Placement } from '../ingest/ingest-target.js';

/**
 * Where each connected encoder sits on the channel's media time (ms since the channel's
 * availability start).
 *
 * - Renditions of one encoder, and redundant encoders whose clocks agree (Smooth encoders
 *   synced to one time code), send timestamps that, with an offset already in use, land within
 *   a second of the wall-clock live edge: such an encoder joins with that offset, and its
 *   fragments line up exactly with what is already there.
 * - An encoder that matches no running one while others run (a redundant RTMP encoder, whose
 *   timestamps start from zero whenever it starts) is placed at the live edge and then snapped
 *   onto the channel's cuts at its first key frame (`align`), so that its fragments coincide with
 *   those of the encoder it backs up. If no cut is near enough, it is reported as not aligned.
 * - An encoder that joins when none is running (the first one, or a reconnect) starts a new
 *   encoder session at the later of the live edge and the end of what is stored: media time
 *   stays in step with the wall clock (DASH availability, HLS PROGRAM-DATE-TIME) and never goes
 *   back.
 */
export interface SourceJoin {
  /** The stream name: encoders publishing the same one back each other up. */
  source: string;
  encoder: EncoderInfo;
  firstTimestampMs: number;
  nowMediaMs: number;
  endMediaMs: number;
  /** Wall-clock ms, for `since` in reports. */
  now: number;
}

interface Placed {
  source: string;
  info: EncoderInfo;
  offsetMs: number;
  /** The latest media time (ms) listed from this encoder. */
  lastMediaMs: number;
  since: number;
  connected: boolean;
  redundant: boolean;
  /** undefined until decided; false when its key frames match none of the channel's cuts. */
  aligned?: boolean;
  duplicates: number;
}

/** How far from the live edge a shared clock may put an encoder's first timestamp. */
const SAME_CLOCK_MS = 1000;

export class SourceTimelines {
  private readonly placed = new Map<string, Placed>();
  private everJoined = false;

  join(j: SourceJoin): Placement {
    const running = [...this.placed.values()].filter((p) => p.connected && p.info.id !== j.encoder.id);
    const redundant = running.some((p) => p.source === j.source);
    for (const p of running) {
      if (Math.abs(p.offsetMs + j.firstTimestampMs - j.nowMediaMs) <= SAME_CLOCK_MS) {
        return this.place(j, { offsetMs: p.offsetMs, discontinuity: false, redundant, align: false }, true);
      }
    }
    const first = !this.everJoined;
    this.everJoined = true;
    if (first) return this.place(j, { offsetMs: j.nowMediaMs - j.firstTimestampMs, discontinuity: false, redundant: false, align: false }, true);
    if (running.length > 0) {
      return this.place(j, { offsetMs: j.nowMediaMs - j.firstTimestampMs, discontinuity: false, redundant, align: true }, undefined);
    }
    const start = Math.max(j.nowMediaMs, j.endMediaMs);
    return this.place(j, { offsetMs: start - j.firstTimestampMs, discontinuity: true, redundant: false, align: false }, true);
  }

  /** Moves an encoder placed at the live edge onto the channel's cuts; `correctionMs` undefined: none near. */
  aligned(encoderId: string, correctionMs: number | undefined): void {
    const p = this.placed.get(encoderId);
    if (!p) return;
    p.aligned = correctionMs !== undefined;
    if (correctionMs !== undefined) p.offsetMs += correctionMs;
  }

  /**
   * Whether an encoder's fragments may go on the timeline. While another connected encoder of
   * the same stream is in step with the channel, it speaks for the stream, so:
   * - an encoder that is not aligned is held in reserve (two encoders that disagree never
   *   interleave into a broken timeline), and takes over only once it is alone;
   * - an encoder that has left does not list the partial fragment it flushes on the way out:
   *   its partner delivers that fragment whole.
   */
  mayPublish(encoderId: string): boolean {
    const p = this.placed.get(encoderId);
    if (!p || (p.connected && p.aligned !== false)) return true;
    return ![...this.placed.values()].some((o) => o !== p && o.connected && o.source === p.source && o.aligned !== false);
  }

  advance(encoderId: string, mediaMs: number): void {
    const p = this.placed.get(encoderId);
    if (p && mediaMs > p.lastMediaMs) p.lastMediaMs = mediaMs;
  }

  countDuplicate(encoderId: string): void {
    const p = this.placed.get(encoderId);
    if (p) p.duplicates++;
  }

  leave(encoderId: string): void {
    const p = this.placed.get(encoderId);
    if (p) p.connected = false;
    // Keep the history short: disconnected encoders of a stream are forgotten once another connects.
    for (const [id, o] of this.placed) if (!o.connected && id !== encoderId && o.source === p?.source) this.placed.delete(id);
  }

  describe(): Record<string, unknown>[] {
    return [...this.placed.values()].map((p) => ({
      stream: p.source,
      encoder: p.info.id,
      role: p.info.role,
      protocol: p.info.protocol,
      remoteAddress: p.info.remoteAddress,
      since: new Date(p.since).toISOString(),
      connected: p.connected,
      redundant: p.redundant,
      aligned: p.aligned ?? null,
      offsetMs: p.offsetMs,
      lastMediaMs: p.lastMediaMs,
      duplicatesDropped: p.duplicates,
    }));
  }

  private place(j: SourceJoin, placement: Placement, aligned: boolean | undefined): Placement {
    this.placed.set(j.encoder.id, {
      source: j.source,
      info: j.encoder,
      offsetMs: placement.offsetMs,
      lastMediaMs: j.firstTimestampMs + placement.offsetMs,
      since: j.now,
      connected: true,
      redundant: placement.redundant,
      aligned,
      duplicates: 0,
    });
    return placement;
  }
}
