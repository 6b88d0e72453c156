import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import type { Track } from '../../model/track.js';

export interface ListedTimeline {
  /** The version the entries decode with: its init segment, timescale and codec are used. */
  track: Track;
  entries: readonly TimelineEntry[];
}

/**
 * The channel-wide `sequence` where the single Period starts: the latest entry, on any track,
 * whose track version differs from the entry before it (0 when there is none).
 *
 * A Representation has one initialization segment, so fragments of an older version (another
 * SPS or AudioSpecificConfig) cannot share its Period. Cutting every track at the same
 * sequence, not each at its own change, keeps audio and video starting together. The fragments
 * before the cut belong in earlier Periods (see mpd.ts).
 */
export function periodStartSequence(p: Presentation): number {
  let start = 0;
  for (const pt of p.tracks) {
    const entries = pt.entries;
    for (let i = entries.length - 1; i > 0; i--) {
      if (entries[i].trackVersion !== entries[i - 1].trackVersion) {
        start = Math.max(start, entries[i].sequence);
        break;
      }
    }
  }
  return start;
}

/**
 * What the Period lists for a track: its entries from `fromSequence` on. Undefined when there
 * are none yet, because a SegmentTimeline needs at least one S (ISO 23009-1 §5.3.9.6).
 */
export function listedTimeline(pt: PresentationTrack, fromSequence: number): ListedTimeline | undefined {
  const all = pt.entries;
  let i = 0;
  while (i < all.length && all[i].sequence < fromSequence) i++;
  if (i === all.length) return undefined;
  const entries = i === 0 ? all : all.slice(i);
  const version = entries[0].trackVersion;
  const track = version === pt.track.version ? pt.track : (pt.versions.get(version) ?? pt.track);
  return { track, entries };
}
