import type { TimelineEntry } from './timeline.js';
import type { Track } from './track.js';

export interface PresentationTrack {
  /** The newest version of the track. */
  track: Track;
  /** Every version still referenced by an entry, by version number. */
  versions: ReadonlyMap<number, Track>;
  /** Entries inside the window, oldest first. */
  entries: readonly TimelineEntry[];
  /** Discontinuities that slid out of the window: HLS EXT-X-DISCONTINUITY-SEQUENCE. */
  discontinuitySequence: number;
}

/**
 * An immutable snapshot: the only thing a manifest builder reads. Media time 0 of every track
 * is the wall-clock instant `availabilityStartTime`, so the wall-clock time of a fragment is
 * `availabilityStartTime + decodeTime / timescale` (HLS PROGRAM-DATE-TIME, DASH timing).
 */
export interface Presentation {
  /** Milliseconds since the Unix epoch at media time 0. */
  availabilityStartTime: number;
  /** Nominal segment duration (the channel's key frame interval), in ms. */
  targetSegmentMs: number;
  /** How far back viewers can seek, in ms; undefined keeps everything. */
  dvrWindowMs?: number;
  /** False while live; true once the presentation has ended (on demand). */
  ended: boolean;
  /** Wall-clock time of this snapshot, in ms since the epoch (DASH publishTime). */
  snapshotTime: number;
  /** Increases whenever the content changes; caches key on it. */
  version: number;
  tracks: readonly PresentationTrack[];
}
