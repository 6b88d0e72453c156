import type { ListedTimeline } from './listed-timeline.js';

/**
 * AdaptationSet@segmentAlignment (ISO 23009-1 §5.3.3.2) promises that segments of different
 * Representations never overlap, which lets a client switch at any boundary. Tracks from one
 * encoder are cut together, but audio from separate sources drifts (93/94 AAC frames per 2 s),
 * so the promise is made only when every fragment with the same channel-wide sequence starts
 * and lasts the same on every Representation (compared across timescales by cross-multiplying).
 */
export function segmentsAligned(timelines: readonly ListedTimeline[]): boolean {
  if (timelines.length < 2) return true;
  const [ref, ...others] = timelines;
  const refScale = BigInt(ref.track.timescale);
  const bySequence = new Map(ref.entries.map((e) => [e.sequence, e]));
  return others.every(({ track, entries }) => {
    const scale = BigInt(track.timescale);
    return entries.every((e) => {
      const r = bySequence.get(e.sequence);
      return !r || (r.decodeTime * scale === e.decodeTime * refScale && BigInt(r.duration) * scale === BigInt(e.duration) * refScale);
    });
  });
}
