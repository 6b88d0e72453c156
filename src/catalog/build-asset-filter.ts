import {
  FILTER_TIMESCALE,
  TRACK_OPERATIONS,
  TRACK_PROPERTIES,
  type ManifestFilter,
  type PresentationTimeRange,
  type TrackCondition,
  type TrackSelection,
} from '../model/manifest-filter.js';
import { FILTER_LIMITS, MAX_BACKOFF_SECONDS, MAX_TIMESCALE, MIN_WINDOW_SECONDS, type AssetFilter, type AssetFilterPatch, type NewAssetFilter } from './asset-filter.js';
import { assertName, invalid } from './names.js';

/** RFC 5646 shape (language, then subtags) or an ISO 639-2 code: what encoders put in mdhd/SMIL. */
const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}$/;
const FOURCC = /^[A-Za-z0-9]{4}$/;
const BITRATE = /^(\d{1,10})(?:-(\d{1,10}))?$/;
const TRACK_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const TYPES = ['video', 'audio', 'text'];

/**
 * Validates a create request. The API checks shape; this repeats the rules that need more than
 * a schema (ranges that must be ordered, values that must parse for their property), so every
 * caller of the catalog gets them.
 */
export function buildAssetFilter(assetName: string, input: NewAssetFilter, now: string): AssetFilter {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('body', 'must be an object');
  const name = assertName(input.name, 'name');
  return { name, assetName, ...definition(input), created: now, lastModified: now };
}

/** The filter after a PATCH: absent members stay, null removes one. */
export function patchAssetFilter(current: AssetFilter, patch: AssetFilterPatch, now: string): AssetFilter {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw invalid('body', 'must be an object');
  const merged: ManifestFilter = {
    presentationTimeRange: patch.presentationTimeRange === undefined ? current.presentationTimeRange : (patch.presentationTimeRange ?? undefined),
    firstQuality: patch.firstQuality === undefined ? current.firstQuality : (patch.firstQuality ?? undefined),
    tracks: patch.tracks === undefined ? current.tracks : (patch.tracks ?? undefined),
  };
  return { name: current.name, assetName: current.assetName, ...definition(merged), created: current.created, lastModified: now };
}

function definition(input: ManifestFilter): ManifestFilter {
  const out: ManifestFilter = {};
  if (input.presentationTimeRange !== undefined) out.presentationTimeRange = timeRange(input.presentationTimeRange);
  if (input.firstQuality !== undefined) {
    if (typeof input.firstQuality !== 'object' || input.firstQuality === null) throw invalid('firstQuality', 'must be an object {bitrate}');
    out.firstQuality = { bitrate: integer(input.firstQuality.bitrate, 'firstQuality.bitrate', 1) };
  }
  if (input.tracks !== undefined) {
    if (!Array.isArray(input.tracks) || input.tracks.length > FILTER_LIMITS.selections) throw invalid('tracks', `must be an array of at most ${FILTER_LIMITS.selections} track selections`);
    if (input.tracks.length > 0) out.tracks = input.tracks.map((s, i) => selection(s, `tracks[${i}]`));
  }
  return out;
}

function timeRange(r: PresentationTimeRange): PresentationTimeRange {
  const field = 'presentationTimeRange';
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw invalid(field, 'must be an object');
  const timescale = r.timescale === undefined ? FILTER_TIMESCALE : integer(r.timescale, `${field}.timescale`, 1, MAX_TIMESCALE);
  const out: PresentationTimeRange = {};
  for (const key of ['startTimestamp', 'endTimestamp', 'presentationWindowDuration', 'liveBackoffDuration'] as const) {
    if (r[key] !== undefined) out[key] = integer(r[key], `${field}.${key}`, 0);
  }
  if (r.timescale !== undefined) out.timescale = timescale;
  if (r.forceEndTimestamp !== undefined) {
    if (typeof r.forceEndTimestamp !== 'boolean') throw invalid(`${field}.forceEndTimestamp`, 'must be true or false');
    out.forceEndTimestamp = r.forceEndTimestamp;
  }
  const { startTimestamp: start, endTimestamp: end, presentationWindowDuration: window, liveBackoffDuration: backoff } = out;
  if (start !== undefined && end !== undefined && end <= start) throw invalid(`${field}.endTimestamp`, 'must be later than startTimestamp');
  if (out.forceEndTimestamp && end === undefined) throw invalid(`${field}.forceEndTimestamp`, 'needs an endTimestamp');
  if (window !== undefined && window < MIN_WINDOW_SECONDS * timescale) {
    throw invalid(`${field}.presentationWindowDuration`, `must be at least ${MIN_WINDOW_SECONDS} s (${MIN_WINDOW_SECONDS * timescale} at timescale ${timescale})`);
  }
  if (backoff !== undefined && backoff > MAX_BACKOFF_SECONDS * timescale) {
    throw invalid(`${field}.liveBackoffDuration`, `must be at most ${MAX_BACKOFF_SECONDS} s (${MAX_BACKOFF_SECONDS * timescale} at timescale ${timescale})`);
  }
  if (window !== undefined && backoff !== undefined && backoff >= window) throw invalid(`${field}.liveBackoffDuration`, 'must be shorter than presentationWindowDuration');
  return out;
}

function selection(s: TrackSelection, field: string): TrackSelection {
  const conditions = s?.trackSelections;
  if (!Array.isArray(conditions) || conditions.length === 0 || conditions.length > FILTER_LIMITS.conditions) {
    throw invalid(`${field}.trackSelections`, `must list 1 to ${FILTER_LIMITS.conditions} conditions`);
  }
  return { trackSelections: conditions.map((c, i) => condition(c, `${field}.trackSelections[${i}]`)) };
}

function condition(c: TrackCondition, field: string): TrackCondition {
  if (typeof c !== 'object' || c === null) throw invalid(field, 'must be an object {property, operation, value}');
  if (!(TRACK_PROPERTIES as readonly string[]).includes(c.property)) throw invalid(`${field}.property`, `must be one of ${TRACK_PROPERTIES.join(', ')}`);
  const operation = c.operation ?? 'Equal';
  if (!(TRACK_OPERATIONS as readonly string[]).includes(operation)) throw invalid(`${field}.operation`, `must be one of ${TRACK_OPERATIONS.join(', ')}`);
  if (typeof c.value !== 'string' || c.value.length === 0 || c.value.length > FILTER_LIMITS.valueLength) {
    throw invalid(`${field}.value`, `must be a string of 1 to ${FILTER_LIMITS.valueLength} characters`);
  }
  const why = valueProblem(c.property, c.value);
  if (why) throw invalid(`${field}.value`, why);
  return { property: c.property, operation, value: c.value };
}

function valueProblem(property: TrackCondition['property'], value: string): string | undefined {
  switch (property) {
    case 'Type':
      return TYPES.includes(value.toLowerCase()) ? undefined : `must be one of ${TYPES.join(', ')} for Type`;
    case 'Name':
      return TRACK_NAME.test(value) ? undefined : 'must be a track name (letters, digits, _ . -)';
    case 'Language':
      return LANGUAGE.test(value) ? undefined : 'must be a language tag such as en, en-US or fra';
    case 'FourCC':
      return FOURCC.test(value) ? undefined : 'must be a four-character code such as avc1, hvc1, av01 or mp4a';
    case 'Bitrate': {
      const m = BITRATE.exec(value);
      if (!m) return 'must be bits per second, one value or a range such as 0-2500000';
      return m[2] !== undefined && Number(m[2]) < Number(m[1]) ? 'must be a range whose end is not below its start' : undefined;
    }
  }
}

function integer(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) throw invalid(field, `must be an integer from ${min} to ${max}`);
  return value as number;
}
