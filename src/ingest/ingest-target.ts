import type { CodecConfig } from '../model/codec.js';
import type { Fragment } from '../model/fragment.js';
import type { Track, TrackType } from '../model/track.js';
import type { SegmentClock } from './segment-clock.js';

export interface TrackRequest {
  /** The source's name for itself (the RTMP stream name): tracks of one source share it. */
  source: string;
  type: TrackType;
  codec: CodecConfig;
  timescale: number;
  /** Bits per second the encoder declared; 0 when unknown (measured from the first fragment). */
  bitrate: number;
}

/**
 * What an ingest adapter publishes into: one live channel's timeline. Adapters translate their
 * protocol into Tracks and Fragments; the channel decides ids, versions and where media time is.
 */
export interface IngestTarget {
  readonly segmentClock: SegmentClock;
  /**
   * Places a source's timeline on the channel's media time (ms since the channel's availability
   * start). Returns the offset to add to the source's timestamps, and whether the source starts
   * a new encoder session (a discontinuity) rather than joining the renditions already running.
   */
  joinTimeline(source: string, firstTimestampMs: number): { offsetMs: number; discontinuity: boolean };
  /** Registers a track or a new configuration of it; the returned version names its init segment. */
  declareTrack(request: TrackRequest): Track;
  addFragment(fragment: Fragment): void;
  /** The source has gone (unpublish, disconnect): its tracks stop growing. */
  leave(source: string): void;
}
