import { FILTER_TIMESCALE, type ManifestFilter } from '../../model/manifest-filter.js';
import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import { trackMatches } from './track-matches.js';

export type FilterOutcome = { ok: true; presentation: Presentation; firstBitrate?: number } | { ok: false; reason: string };

/**
 * Audio fragments end on AAC frame boundaries, not on the video's: a fragment ending this close
 * after the backed-off live edge still counts as before it, so renditions end together.
 */
const EDGE_TOLERANCE_MS = 100;

/** A timestamp of a filter with its own timescale. */
interface Instant {
  value: bigint;
  timescale: number;
}

/** Every filter's time limits, intersected. */
interface TimeCut {
  starts: Instant[];
  ends: Instant[];
  /** Live: media time (ms) from which the window shows. */
  fromMs?: number;
  /** Live: media time (ms) of the backed-off edge. */
  toMs?: number;
  windowMs?: number;
}

/**
 * What a manifest shows once `filters` apply (AMS dynamic manifests): the tracks every filter
 * keeps, inside the intersection of their time ranges. Starts and ends keep a fragment that
 * straddles them whole (fragments start with a key frame: the cut is GOP-accurate); the live
 * window and back-off apply only while live, end times only once ended unless forced. Segment
 * URLs do not change, so filtered and unfiltered players share every cached segment.
 */
export function applyFilters(p: Presentation, filters: readonly ManifestFilter[]): FilterOutcome {
  if (filters.length === 0) return { ok: true, presentation: p };
  const kept = selectTracks(p, filters).tracks;
  if (kept.length === 0) return { ok: false, reason: 'the filters leave no track' };
  const cut = timeCut(p, filters);
  const tracks = kept.map((pt) => cutTrack(pt, cut)).filter((pt): pt is PresentationTrack => pt !== undefined);
  if (tracks.length === 0) return { ok: false, reason: "nothing has been recorded inside the filters' time range" };
  const dvrWindowMs = cut.windowMs === undefined ? p.dvrWindowMs : Math.min(p.dvrWindowMs ?? Infinity, cut.windowMs);
  const firstBitrate = filters.find((f) => f.firstQuality)?.firstQuality?.bitrate;
  return { ok: true, presentation: { ...p, dvrWindowMs, tracks }, ...(firstBitrate === undefined ? {} : { firstBitrate }) };
}

function timeCut(p: Presentation, filters: readonly ManifestFilter[]): TimeCut {
  const cut: TimeCut = { starts: [], ends: [] };
  let backoffMs: number | undefined;
  for (const { presentationTimeRange: r } of filters) {
    if (!r) continue;
    const timescale = r.timescale ?? FILTER_TIMESCALE;
    const ms = (v: number) => (v * 1000) / timescale;
    if (r.startTimestamp !== undefined) cut.starts.push({ value: BigInt(r.startTimestamp), timescale });
    if (r.endTimestamp !== undefined && (p.ended || r.forceEndTimestamp)) cut.ends.push({ value: BigInt(r.endTimestamp), timescale });
    if (p.ended) continue;
    if (r.liveBackoffDuration !== undefined) backoffMs = Math.max(backoffMs ?? 0, ms(r.liveBackoffDuration));
    if (r.presentationWindowDuration !== undefined) cut.windowMs = Math.min(cut.windowMs ?? Infinity, ms(r.presentationWindowDuration));
  }
  if (backoffMs === undefined && cut.windowMs === undefined) return cut;
  const edgeMs = liveEdgeMs(p);
  if (backoffMs !== undefined) cut.toMs = edgeMs - backoffMs;
  if (cut.windowMs !== undefined) cut.fromMs = (cut.toMs ?? edgeMs) - cut.windowMs;
  return cut;
}

/** The end of the newest fragment of any track, in media ms. */
function liveEdgeMs(p: Presentation): number {
  let edge = 0;
  for (const { track, entries } of p.tracks) {
    const last = entries[entries.length - 1];
    if (last) edge = Math.max(edge, Number(((last.decodeTime + BigInt(last.duration)) * 1000n) / BigInt(track.timescale)));
  }
  return edge;
}

function cutTrack(pt: PresentationTrack, cut: TimeCut): PresentationTrack | undefined {
  const ts = BigInt(pt.track.timescale);
  const floorTo = (i: Instant) => (i.value * ts) / BigInt(i.timescale);
  const ceilTo = (i: Instant) => (i.value * ts + BigInt(i.timescale) - 1n) / BigInt(i.timescale);
  const msToTicks = (ms: number) => (BigInt(Math.floor(ms)) * ts) / 1000n;
  const start = max(cut.starts.map(floorTo));
  const from = cut.fromMs === undefined ? undefined : msToTicks(Math.max(0, cut.fromMs));
  const end = min(cut.ends.map(ceilTo));
  const edge = cut.toMs === undefined ? undefined : msToTicks(cut.toMs + EDGE_TOLERANCE_MS);
  const endOf = (e: TimelineEntry) => e.decodeTime + BigInt(e.duration);

  const entries = pt.entries;
  let first = 0;
  let discontinuitySequence = pt.discontinuitySequence;
  while (first < entries.length && ((start !== undefined && endOf(entries[first]) <= start) || (from !== undefined && entries[first].decodeTime < from))) {
    if (entries[first].discontinuity) discontinuitySequence++;
    first++;
  }
  let last = entries.length;
  while (last > first && ((end !== undefined && entries[last - 1].decodeTime >= end) || (edge !== undefined && endOf(entries[last - 1]) > edge))) last--;
  if (first === 0 && last === entries.length) return pt;
  if (last === first) return undefined;
  const kept = entries.slice(first, last);
  const versions = new Map([...pt.versions].filter(([v]) => v === pt.track.version || kept.some((e) => e.trackVersion === v)));
  return { ...pt, versions, entries: kept, discontinuitySequence };
}

function max(values: bigint[]): bigint | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => (b > a ? b : a));
}

function min(values: bigint[]): bigint | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => (b < a ? b : a));
}

/**
 * Only the track selections of `filters`: what a muxed segment (MPEG-TS, HDS) may pair its video
 * with. Times are left alone, so a segment that just left a filtered window still resolves.
 */
export function selectTracks(p: Presentation, filters: readonly ManifestFilter[]): Presentation {
  if (filters.length === 0) return p;
  return { ...p, tracks: p.tracks.filter((pt) => filters.every((f) => trackMatches(f.tracks, pt.track))) };
}
