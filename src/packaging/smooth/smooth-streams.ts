import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import type { Track, TrackType } from '../../model/track.js';
import { listedTimeline, periodStartSequence } from '../dash/listed-timeline.js';
import { carriedInSmooth } from './carried-in-smooth.js';
import { smoothDuration, toSmoothTime } from './smooth-time.js';

/** One fragment of a StreamIndex timeline, in 10 MHz ticks (smooth-time.ts). */
export interface SmoothChunk {
  time: bigint;
  duration: number;
}

/** A QualityLevel: one track, with the version its listed fragments decode with. */
export interface SmoothLevel {
  presentationTrack: PresentationTrack;
  /** The version whose CodecPrivateData the manifest carries. */
  track: Track;
  entries: readonly TimelineEntry[];
}

/** A StreamIndex (MS-SSTR §2.2.2.3): QualityLevels that share one fragment timeline. */
export interface SmoothStream {
  type: TrackType;
  /** Distinct within the presentation; the `{name}` in `Fragments({name}={start time})`. */
  name: string;
  levels: SmoothLevel[];
  /** The timeline every level has, oldest first (where levels differ at the ends, their overlap). */
  chunks: SmoothChunk[];
}

/** The StreamIndex name of the (first) video StreamIndex; every other StreamIndex is named after its first track. */
export const VIDEO_STREAM_NAME = 'video';

/**
 * The StreamIndexes of a presentation, in a stable order: video first, then audio.
 *
 * Tracks of a codec Smooth cannot describe (AV1, carried-in-smooth.ts) have no StreamIndex.
 *
 * A Smooth client switches bitrate by substituting `{bitrate}` in one Url template at the same
 * `{start time}` (MS-SSTR §2.2.2.3 UrlPattern, §2.2.2.6), so the QualityLevels of a StreamIndex
 * must have identical fragment times, and distinct Bitrates (the URL only names the bitrate).
 * Video tracks join the first StreamIndex whose timeline they match; a track that matches none
 * (another GOP cadence, a gap only it has) gets a StreamIndex of its own. Audio tracks each get
 * their own StreamIndex, as different audio tracks are usually different languages.
 *
 * Live, the renditions of one cut are not stored at the same instant, so timelines are compared
 * on their overlap and the StreamIndex lists only that overlap: a rendition one fragment ahead
 * does not split the StreamIndex (which would rename it between two manifest requests).
 *
 * Like DASH (listed-timeline.ts), only fragments from the latest track-version change on are
 * listed: a QualityLevel has one CodecPrivateData, and dash.js builds its only init segment
 * from it (MssFragmentMoovProcessor).
 */
export function smoothStreams(p: Presentation): SmoothStream[] {
  const from = periodStartSequence(p);
  const streams: SmoothStream[] = [];
  const names = new Set<string>();
  const uniqueName = (wanted: string) => {
    let name = wanted;
    for (let n = 2; names.has(name); n++) name = `${wanted}_${n}`;
    names.add(name);
    return name;
  };
  for (const type of ['video', 'audio'] as const) {
    for (const pt of p.tracks) {
      if (pt.track.type !== type || !carriedInSmooth(pt.track.codec)) continue;
      const listed = listedTimeline(pt, from);
      if (!listed) continue;
      const level: SmoothLevel = { presentationTrack: pt, track: listed.track, entries: listed.entries };
      const chunks = smoothChunks(listed.entries, listed.track.timescale);
      if (type === 'video') {
        const joined = streams.find((s) => {
          if (s.type !== 'video' || s.levels.some((l) => l.track.bitrate === listed.track.bitrate)) return false;
          const overlap = timelineOverlap(s.chunks, chunks);
          if (overlap) s.chunks = overlap;
          return overlap !== undefined;
        });
        if (joined) {
          joined.levels.push(level);
          continue;
        }
      }
      const first = type === 'video' && !streams.some((s) => s.type === 'video');
      streams.push({ type, name: uniqueName(first ? VIDEO_STREAM_NAME : pt.track.id), levels: [level], chunks });
    }
  }
  return streams;
}

/** Timeline entries as 10 MHz chunks; durations come from rounded absolute ends, so chunks tile. */
export function smoothChunks(entries: readonly TimelineEntry[], timescale: number): SmoothChunk[] {
  return entries.map((e) => ({ time: toSmoothTime(e.decodeTime, timescale), duration: smoothDuration(e.decodeTime, e.duration, timescale) }));
}

/**
 * The chunks two timelines share, when over their common span they are identical (same start
 * times and durations) and that span holds at least one chunk; otherwise undefined.
 */
export function timelineOverlap(a: readonly SmoothChunk[], b: readonly SmoothChunk[]): SmoothChunk[] | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const start = a[0].time > b[0].time ? a[0].time : b[0].time;
  const i = a.findIndex((c) => c.time === start);
  const j = b.findIndex((c) => c.time === start);
  if (i < 0 || j < 0) return undefined;
  const n = Math.min(a.length - i, b.length - j);
  for (let k = 0; k < n; k++) {
    if (a[i + k].time !== b[j + k].time || a[i + k].duration !== b[j + k].duration) return undefined;
  }
  return n > 0 ? a.slice(i, i + n) : undefined;
}
