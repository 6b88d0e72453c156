import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { findEntry, type TimelineEntry } from '../../model/timeline.js';
import type { LookaheadFragment } from './smooth-fragment.js';
import { SMOOTH_LOOKAHEAD } from './smooth-manifest.js';
import { smoothStreams } from './smooth-streams.js';
import { fromSmoothTime } from './smooth-time.js';

export interface SmoothFragmentTarget {
  presentationTrack: PresentationTrack;
  entry: TimelineEntry;
  /** The SmoothFragmentInput fields that come from the timeline (add `cmaf` from the store). */
  decodeTime: bigint;
  duration: number;
  timescale: number;
  /** The next fragments of the track that exist now (up to SMOOTH_LOOKAHEAD): SmoothFragmentInput.lookahead. */
  lookahead: LookaheadFragment[];
}

/**
 * Maps a Smooth fragment URL, `QualityLevels({bitrate})/Fragments({name}={time})` with `time`
 * in 10 MHz ticks, to the stored fragment: the StreamIndex called `name` (smoothStreams), its
 * QualityLevel with that Bitrate, and the entry of that track starting at `time`.
 *
 * Any fragment of the track is found, not only those the manifest lists: live players learn the
 * newest fragments from tfrf. As a fallback `name` may also be a track id (a StreamIndex can be
 * named after its track, and a player keeps the names of the manifest it loaded). Undefined
 * means 404.
 */
export function resolveSmoothFragment(p: Presentation, bitrate: number, name: string, time: bigint): SmoothFragmentTarget | undefined {
  const stream = smoothStreams(p).find((s) => s.name === name);
  const pt =
    stream?.levels.find((l) => l.track.bitrate === bitrate)?.presentationTrack ??
    p.tracks.find((t) => t.track.id === name && t.track.bitrate === bitrate);
  if (!pt) return undefined;
  const timescale = pt.track.timescale;
  const decodeTime = fromSmoothTime(time, timescale);
  if (decodeTime === undefined) return undefined;
  const index = findEntry(pt.entries, decodeTime);
  if (index < 0) return undefined;
  const entry = pt.entries[index];
  const lookahead = pt.entries.slice(index + 1, index + 1 + SMOOTH_LOOKAHEAD).map((e) => ({ time: e.decodeTime, duration: e.duration }));
  return { presentationTrack: pt, entry, decodeTime: entry.decodeTime, duration: entry.duration, timescale, lookahead };
}
