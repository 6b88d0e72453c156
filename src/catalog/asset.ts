export type AssetState = 'live' | 'ready';

export interface AssetTrack {
  id: string;
  type: 'video' | 'audio' | 'text';
  codec: string;
  bitrate: number;
  width?: number;
  height?: number;
  sampleRate?: number;
  channels?: number;
  language?: string;
}

export interface Asset {
  name: string;
  /** live while its program records, ready (on demand) after. */
  state: AssetState;
  created: string;
  lastModified: string;
  /** The channel and program that last recorded into it. */
  channel: string;
  program: string;
  /** The name playback URLs must use, copied from the program when recording starts. */
  manifestName: string;
  durationMs: number;
  sizeBytes: number;
  tracks: AssetTrack[];
  /**
   * The media time of the first fragment and the end of the last, in 100 ns units (the default
   * timescale of filter times and Smooth's): a filter trimming the first minute starts at
   * startTimestamp + 600000000. Absent until something is recorded.
   */
  startTimestamp?: number;
  endTimestamp?: number;
}

/** What the live runtime reports while it records; omitted members stay unchanged. */
export interface AssetStats {
  durationMs?: number;
  sizeBytes?: number;
  tracks?: AssetTrack[];
  startTimestamp?: number;
  endTimestamp?: number;
}
