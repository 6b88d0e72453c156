import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import type { TrackType } from '../../model/track.js';

/** The presentation track whose id is `trackId` (ids are stable across versions), or undefined. */
export function findTrack(p: Presentation, trackId: string): PresentationTrack | undefined {
  return p.tracks.find((t) => t.track.id === trackId);
}

/** Tracks of one type in presentation order. */
export function tracksOfType(p: Presentation, type: TrackType): PresentationTrack[] {
  return p.tracks.filter((t) => t.track.type === type);
}
