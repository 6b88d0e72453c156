import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { findEntry } from '../../model/timeline.js';

/**
 * When a fragment's media ended on the wall clock (availabilityStartTime + its end in media
 * time): the moment it could first be served, so a fair Last-Modified for bytes that never change.
 */
export function fragmentWallClockMs(p: Presentation, pt: PresentationTrack, decodeTime: bigint): number | undefined {
  const i = findEntry(pt.entries, decodeTime);
  if (i < 0) return undefined;
  const e = pt.entries[i];
  const timescale = BigInt((pt.versions.get(e.trackVersion) ?? pt.track).timescale);
  return p.availabilityStartTime + Number(((e.decodeTime + BigInt(e.duration)) * 1000n) / timescale);
}
