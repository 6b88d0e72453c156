import type { PresentationTrack } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';

/**
 * Ticks per second of one entry. A new track version may change the timescale (an audio
 * sample-rate change gives a new AudioSpecificConfig), so read it from the entry's own version.
 */
export function entryTimescale(pt: PresentationTrack, entry: TimelineEntry): number {
  return pt.versions.get(entry.trackVersion)?.timescale ?? pt.track.timescale;
}
