import { FILTER_LIMITS, MAX_BACKOFF_SECONDS, MAX_TIMESCALE, MIN_WINDOW_SECONDS } from '../../catalog/asset-filter.js';
import { FILTER_TIMESCALE, TRACK_OPERATIONS, TRACK_PROPERTIES } from '../../model/manifest-filter.js';
import type { JsonSchema } from './json-schema.js';
import { name, str, timestamp } from './schema-primitives.js';

/** Asset filters (AMS AssetFilter shape) and a locator's default filters. */
const int64 = (description: string, minimum = 0): JsonSchema => ({ type: 'integer', minimum, maximum: Number.MAX_SAFE_INTEGER, description });
const presentationTimeRange: JsonSchema = {
  type: 'object',
  description: 'Times on the asset\'s media time line (the t values of its Smooth and DASH manifests), in timescale units',
  properties: {
    startTimestamp: int64('Absolute start; a fragment straddling it is kept whole'),
    endTimestamp: int64('Absolute end; applied once the asset is on demand, or while live with forceEndTimestamp'),
    presentationWindowDuration: int64(`Live only: the DVR window the viewer gets, at least ${MIN_WINDOW_SECONDS} s`),
    liveBackoffDuration: int64(`Live only: how far behind the live edge the manifest stops, at most ${MAX_BACKOFF_SECONDS} s`),
    timescale: { type: 'integer', minimum: 1, maximum: MAX_TIMESCALE, default: FILTER_TIMESCALE, description: 'Units per second of the times' },
    forceEndTimestamp: { type: 'boolean', description: 'Apply endTimestamp while still live' },
  },
  additionalProperties: false,
};
const firstQuality: JsonSchema = {
  type: 'object',
  description: 'HLS: the variant nearest this bitrate is listed first, the one players start with',
  properties: { bitrate: { type: 'integer', minimum: 1 } },
  required: ['bitrate'],
  additionalProperties: false,
};
const trackCondition: JsonSchema = {
  type: 'object',
  properties: {
    property: { type: 'string', enum: TRACK_PROPERTIES },
    operation: { type: 'string', enum: TRACK_OPERATIONS, default: 'Equal' },
    value: str('Type: video|audio|text; Name: track id; Language: en, en-US, fra; FourCC: avc1, hvc1, av01, mp4a; Bitrate: 0-2500000', { minLength: 1, maxLength: FILTER_LIMITS.valueLength }),
  },
  required: ['property', 'value'],
  additionalProperties: false,
};
const filterTracks: JsonSchema = {
  type: 'array',
  maxItems: FILTER_LIMITS.selections,
  description: 'A track is kept when it passes every condition of at least one selection',
  items: {
    type: 'object',
    properties: { trackSelections: { type: 'array', maxItems: FILTER_LIMITS.conditions, items: trackCondition } },
    required: ['trackSelections'],
    additionalProperties: false,
  },
};
const nullable = (s: JsonSchema): JsonSchema => ({ ...s, type: [s.type as 'object' | 'array', 'null'], description: `${s.description ?? ''}; null removes it`.replace(/^; /, '') });

export const AssetFilterCreate: JsonSchema = {
  type: 'object',
  properties: { name, presentationTimeRange, firstQuality, tracks: filterTracks },
  required: ['name'],
  additionalProperties: false,
};

export const AssetFilterPatch: JsonSchema = {
  type: 'object',
  description: 'Absent members stay as they are',
  properties: { presentationTimeRange: nullable(presentationTimeRange), firstQuality: nullable(firstQuality), tracks: nullable(filterTracks) },
  additionalProperties: false,
};

export const AssetFilter: JsonSchema = {
  type: 'object',
  properties: { name, assetName: name, presentationTimeRange, firstQuality, tracks: filterTracks, created: timestamp, lastModified: timestamp },
  required: ['name', 'assetName', 'created', 'lastModified'],
};

export const locatorFilters: JsonSchema = {
  type: 'array',
  maxItems: FILTER_LIMITS.locatorFilters,
  items: name,
  description: "Names of the asset's filters applied to every manifest of the locator",
};
