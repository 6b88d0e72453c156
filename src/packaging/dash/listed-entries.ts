import type { PresentationTrack } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import type { Track } from '../../model/track.js';

export interface ListedTimeline {
  /** The version the entries decode with: its init segment, timescale and codec are used. */
  track: Track;
  entries: readonly TimelineEntry[];
}

/**
 * What a single-Period MPD can list for a track: the entries of the newest version present in
 * the window. A Representation has one initialization segment, so an older fragment (different
 * SPS or AudioSpecificConfig) would be decoded with the wrong configuration; such fragments
 * belong in an earlier Period (see mpd.ts). Versions only grow, so this is a suffix. Undefined
 * when the track has no entries yet: SegmentTimeline needs at least one S.
 */
export function listedTimeline(pt: PresentationTrack): ListedTimeline | undefined {
  const entries = pt.entries;
  if (entries.length === 0) return undefined;
  const version = entries[entries.length - 1].trackVersion;
  let i = entries.length - 1;
  while (i > 0 && entries[i - 1].trackVersion === version) i--;
  return { track: pt.versions.get(version) ?? pt.track, entries: i === 0 ? entries : entries.slice(i) };
}
