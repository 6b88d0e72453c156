import type { Presentation, PresentationTrack } from '../model/presentation.js';
import type { TrackTimeline } from './track-timeline.js';

export interface PresentationWindow {
  /** Media time (ms) before which nothing is shown: a program shows only what it recorded. */
  fromMs?: number;
  /** Media time (ms) from which nothing is shown: a stopped program ends where it stopped. */
  toMs?: number;
  /** DVR window: only the last `dvrWindowMs` before the live edge (or before `toMs`). */
  dvrWindowMs?: number;
  ended: boolean;
}

export interface PresentationSource {
  availabilityStartTime: number;
  targetSegmentMs: number;
  version: number;
  snapshotTime: number;
  timelines: Iterable<TrackTimeline>;
}

/**
 * Cuts an immutable Presentation out of the live index. Every track is cut at the same media
 * time, so the renditions' windows stay aligned; the discontinuity sequence counts every
 * discontinuity before the window, pruned or not.
 */
export function buildPresentation(source: PresentationSource, window: PresentationWindow): Presentation {
  const timelines = [...source.timelines].filter((t) => t.entries.length > 0);
  let edgeMs = 0;
  for (const t of timelines) edgeMs = Math.max(edgeMs, Number((t.end! * 1000n) / BigInt(t.track.timescale)));
  if (window.toMs !== undefined) edgeMs = Math.min(edgeMs, window.toMs);
  const fromMs = Math.max(window.fromMs ?? 0, window.dvrWindowMs === undefined ? 0 : edgeMs - window.dvrWindowMs);
  const tracks: PresentationTrack[] = [];
  for (const t of timelines) {
    const from = (BigInt(Math.max(0, Math.floor(fromMs))) * BigInt(t.track.timescale)) / 1000n;
    let first = 0;
    let discontinuitySequence = t.prunedDiscontinuities;
    while (first < t.entries.length && t.entries[first].decodeTime < from) {
      if (t.entries[first].discontinuity) discontinuitySequence++;
      first++;
    }
    let last = t.entries.length;
    if (window.toMs !== undefined) {
      const to = (BigInt(Math.floor(window.toMs)) * BigInt(t.track.timescale)) / 1000n;
      while (last > first && t.entries[last - 1].decodeTime >= to) last--;
    }
    const entries = t.entries.slice(first, last);
    if (entries.length === 0) continue;
    const versions = new Map([...t.versions].filter(([v]) => entries.some((e) => e.trackVersion === v) || v === t.track.version));
    tracks.push({ track: t.track, versions, entries, discontinuitySequence });
  }
  return {
    availabilityStartTime: source.availabilityStartTime,
    targetSegmentMs: source.targetSegmentMs,
    dvrWindowMs: window.dvrWindowMs,
    ended: window.ended,
    snapshotTime: source.snapshotTime,
    version: source.version,
    tracks,
  };
}
