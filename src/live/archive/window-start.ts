import type { TrackTimeline } from '../track-timeline.js';

/**
 * The first channel-wide `sequence` an archive window of `windowMs` keeps: the window starts at
 * a cut, the same one on every track, so that the renditions' playlists slide together (HLS
 * MEDIA-SEQUENCE equal across variants, an MPEG-TS segment finding its audio by sequence, DASH
 * and Smooth timelines starting together), and what an asset holds is exactly what its
 * manifests list.
 *
 * The cuts are the video's: the channel cuts every rendition at the same key frames and the
 * audio follows to the nearest AAC frame (audio-fragmenter.ts), so an audio fragment may start
 * up to half a frame before its cut and the window's start is measured on video. A track with
 * no video measures on every track. The window ends at the latest end of those reference tracks;
 * on each, the first fragment starting at or after `end − windowMs` names a cut, and the window
 * starts at the earliest cut so named (a rendition that stopped delivering names none and is
 * pruned whole). Undefined when nothing is recorded.
 */
export function windowStartSequence(timelines: Iterable<TrackTimeline>, windowMs: number): number | undefined {
  const filled = [...timelines].filter((t) => t.entries.length > 0);
  const video = filled.filter((t) => t.track.type === 'video');
  const reference = video.length > 0 ? video : filled;
  // The edge as a fraction end/timescale, compared exactly: ms and timescales never round.
  let edge: { end: bigint; timescale: bigint } | undefined;
  for (const t of reference) {
    const end = t.end!;
    const timescale = BigInt(t.track.timescale);
    if (!edge || end * edge.timescale > edge.end * timescale) edge = { end, timescale };
  }
  if (!edge) return undefined;
  const { end, timescale: edgeTimescale } = edge;
  let first: number | undefined;
  for (const t of reference) {
    const timescale = BigInt(t.track.timescale);
    // start / timescale >= edge.end / edge.timescale − windowMs / 1000, scaled by 1000 · both timescales.
    const bound = end * timescale * 1000n - BigInt(windowMs) * timescale * edgeTimescale;
    const inside = t.entries.find((e) => e.decodeTime * edgeTimescale * 1000n >= bound);
    if (inside && (first === undefined || inside.sequence < first)) first = inside.sequence;
  }
  return first;
}
