import type { ManifestFilter } from '../model/manifest-filter.js';

/** An asset's named filter (AMS AssetFilter): playback URLs apply it with `filter=name`. */
export interface AssetFilter extends ManifestFilter {
  name: string;
  assetName: string;
  created: string;
  lastModified: string;
}

export interface NewAssetFilter extends ManifestFilter {
  name: string;
}

/** A PATCH body: absent leaves a member as it is, null removes it. */
export interface AssetFilterPatch {
  presentationTimeRange?: ManifestFilter['presentationTimeRange'] | null;
  firstQuality?: ManifestFilter['firstQuality'] | null;
  tracks?: ManifestFilter['tracks'] | null;
}

/** Bounds that keep a filter small: it is read on every filtered manifest request. */
export const FILTER_LIMITS = {
  filtersPerAsset: 32,
  selections: 16,
  conditions: 8,
  valueLength: 64,
  /** Default locator filters: as many as one URL may add. */
  locatorFilters: 3,
} as const;

/** AMS bounds: a live window of at least 60 s, a back-off of at most 300 s. */
export const MIN_WINDOW_SECONDS = 60;
export const MAX_BACKOFF_SECONDS = 300;
export const MAX_TIMESCALE = 10_000_000_000;

/** Only the definition: what the origin applies and what the cache keys on. */
export function filterDefinition(f: AssetFilter): ManifestFilter {
  const { presentationTimeRange, firstQuality, tracks } = f;
  return { ...(presentationTimeRange ? { presentationTimeRange } : {}), ...(firstQuality ? { firstQuality } : {}), ...(tracks && tracks.length > 0 ? { tracks } : {}) };
}
