import type { CodecConfig } from './codec.js';

export type TrackType = 'video' | 'audio';

/**
 * One elementary stream: an HLS variant or rendition, a DASH Representation, a Smooth
 * QualityLevel. A track keeps its id for the life of a presentation; when its codec
 * configuration changes (a new SPS, a new AudioSpecificConfig) it gets a new `version`,
 * which has its own init segment.
 */
export interface Track {
  /** Unique within the presentation, URL-safe: `video_720`, `audio_720`. */
  id: string;
  version: number;
  type: TrackType;
  codec: CodecConfig;
  /** Ticks per second of decode times and durations: 90000 for video, the sample rate for audio. */
  timescale: number;
  /** Nominal bits per second (declared by the encoder or measured). */
  bitrate: number;
  /**
   * Tracks from one source (one RTMP publish, one Smooth stream) share a group, so that the
   * MPEG-TS packager can mux a video with the audio that came with it.
   */
  group: string;
  language?: string;
}
