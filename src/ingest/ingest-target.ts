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
  /**
   * The connection the track came with, when it differs from `source` (a Smooth POST carries
   * several tracks, each its own source): tracks of one group play together. Defaults to `source`.
   */
  group?: string;
  /** The encoder's language for the track (RFC 5646 or ISO 639-2), when it gave one. */
  language?: string;
}

/** One encoder connection (an RTMP publish, a Smooth POST). */
export interface EncoderInfo {
  /** Unique per connection. */
  id: string;
  /** Which ingest URL it used. */
  role: 'primary' | 'secondary';
  remoteAddress: string;
  protocol: 'rtmp' | 'fmp4';
}

/** Where an encoder's timestamps go on the channel's media time. */
export interface Placement {
  /** Add to the encoder's timestamps (ms) to get channel media time (ms). */
  offsetMs: number;
  /** True when this encoder starts a new session after a break. */
  discontinuity: boolean;
  /** True when another connected encoder publishes the same stream name (a redundant pair). */
  redundant: boolean;
  /** True when the offset is an estimate: call alignToCut at the first video key frame. */
  align: boolean;
}

/**
 * What an ingest adapter publishes into: one live channel's timeline. Adapters translate their
 * protocol into Tracks and Fragments; the channel decides ids, versions and where media time is.
 */
export interface IngestTarget {
  readonly segmentClock: SegmentClock;
  /**
   * Places an encoder's timeline on the channel's media time (ms since the channel's
   * availability start). Without `encoder`, the source name stands for the encoder.
   */
  joinTimeline(source: string, firstTimestampMs: number, encoder?: EncoderInfo): Placement;
  /**
   * For an encoder placed with `align`: the correction (ms) that moves its first key frame, at
   * channel media time `keyFrameMs`, onto the nearest cut the channel has made, or 0 when none
   * is near enough (the encoder is then reported as not aligned).
   */
  alignToCut(encoderId: string, keyFrameMs: number): number;
  /** Registers a track or a new configuration of it; the returned version names its init segment. */
  declareTrack(request: TrackRequest): Track;
  addFragment(fragment: Fragment, encoderId?: string): void;
  /** The encoder has gone (unpublish, disconnect). */
  leave(source: string, encoderId?: string): void;
}
