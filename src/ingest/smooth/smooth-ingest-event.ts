import type { AacConfig, VideoCodecConfig } from '../../model/codec.js';
import type { Sample } from '../../model/sample.js';

/** One track of a Smooth ingest stream, from its moov and Live Server Manifest. */
export type SmoothTrack = {
  /** moov track_ID, as named by each fragment's tfhd. */
  trackId: number;
  /** mdhd timescale (10 MHz from ffmpeg and by default in Smooth). */
  timescale: number;
  /** SMIL systemBitrate in bit/s, else 0 (unknown). */
  bitrate: number;
  /** SMIL trackName without ffmpeg's `_und` suffix, else type + trackId; unique within the stream. */
  name: string;
  /** SMIL systemLanguage, else the mdhd language (ISO 639-2/T, 'und' when unspecified). */
  language: string;
} & ({ type: 'video'; codec: VideoCodecConfig } | { type: 'audio'; codec: AacConfig });

export interface SmoothHeaderEvent {
  kind: 'header';
  tracks: SmoothTrack[];
  /** Tracks that are not carried (text, metadata…); their fragments are dropped. */
  ignored: { trackId: number; reason: string }[];
}

export interface SmoothFragmentEvent {
  kind: 'fragment';
  trackId: number;
  /** Absolute start time in the track's timescale (tfxd, else tfdt); may be negative. */
  decodeTime: bigint;
  /** Sum of the sample durations. */
  duration: number;
  /** Canonical form (model/sample.ts), copied out of the stream buffer. */
  samples: Sample[];
}

export interface SmoothEndEvent {
  kind: 'end';
}

export type SmoothIngestEvent = SmoothHeaderEvent | SmoothFragmentEvent | SmoothEndEvent;
