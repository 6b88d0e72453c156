/**
 * A dynamic-manifest filter, in the shape of Azure Media Services' asset filters (AMS v3
 * `AssetFilter.properties`): what a manifest shows of a presentation, never what is stored.
 * Several filters intersect (AMS "Filters": combined filters narrow the result).
 */

/**
 * Times are in `timescale` units (default 10,000,000: Smooth's 100 ns ticks) on the
 * presentation's own media time line, the `t` values of its Smooth and DASH manifests.
 */
export interface PresentationTimeRange {
  /** Absolute start; a fragment that straddles it is kept whole. Live and on demand. */
  startTimestamp?: number;
  /** Absolute end (fragments starting before it are kept); live only with forceEndTimestamp. */
  endTimestamp?: number;
  /** Live only: the viewer's DVR window, counted back from the (backed-off) live edge. */
  presentationWindowDuration?: number;
  /** Live only: how far behind the live edge the manifest stops. */
  liveBackoffDuration?: number;
  timescale?: number;
  /** Apply endTimestamp while still live (a clip of a running event). */
  forceEndTimestamp?: boolean;
}

export const TRACK_PROPERTIES = ['Type', 'Name', 'Language', 'FourCC', 'Bitrate'] as const;
export type TrackProperty = (typeof TRACK_PROPERTIES)[number];
export const TRACK_OPERATIONS = ['Equal', 'NotEqual'] as const;
export type TrackOperation = (typeof TRACK_OPERATIONS)[number];

/** One test on a track: `Bitrate` takes a range `min-max` (bits/s, inclusive) or one value. */
export interface TrackCondition {
  property: TrackProperty;
  operation: TrackOperation;
  value: string;
}

/** A track is kept when it passes every condition of at least one selection (AND within, OR across). */
export interface TrackSelection {
  trackSelections: TrackCondition[];
}

export interface ManifestFilter {
  presentationTimeRange?: PresentationTimeRange;
  /** The HLS variant nearest this bitrate is listed first: the one a client starts with. */
  firstQuality?: { bitrate: number };
  /** Absent or empty: every track. */
  tracks?: TrackSelection[];
}

/** Azure's default timescale for filter times: 100 ns ticks. */
export const FILTER_TIMESCALE = 10_000_000;
