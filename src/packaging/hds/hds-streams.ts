import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { findTrack, tracksOfType } from '../hls/find-track.js';
import { pairedAudioTrack } from '../hls/paired-audio-track.js';

/**
 * One HDS rendition: a media element of the f4m. HDS multiplexes audio into the FLV tags of
 * every video rendition (F4M 1.0: one media per bitrate, no separate audio track needed), so a
 * rendition is an H.264 video track with its paired AAC track (the same pairing as MPEG-TS,
 * paired-audio-track.ts). A presentation without H.264 video has one audio-only rendition per
 * AAC track. HEVC needs Enhanced FLV, which no HDS client reads, so it is left out.
 * `main` is the track whose timeline numbers and times the fragments.
 */
export interface HdsStream {
  main: PresentationTrack;
  video?: PresentationTrack;
  audio?: PresentationTrack;
}

export function hdsStreams(p: Presentation): HdsStream[] {
  const video = tracksOfType(p, 'video').filter((t) => t.track.codec.kind === 'h264');
  if (video.length > 0) return video.map((v) => ({ main: v, video: v, audio: pairedAudioTrack(p, v.track.id) }));
  return tracksOfType(p, 'audio').map((a) => ({ main: a, audio: a }));
}

/** The rendition whose main track is `trackId` with that bitrate, as named in an HDS URL. */
export function findHdsStream(p: Presentation, bitrate: number, trackId: string): HdsStream | undefined {
  if (findTrack(p, trackId)?.track.bitrate !== bitrate) return undefined;
  return hdsStreams(p).find((s) => s.main.track.id === trackId);
}

/** Bits per second of the rendition: video plus the audio muxed into it. */
export function hdsBitrate(s: HdsStream): number {
  return s.video ? s.video.track.bitrate + (s.audio?.track.bitrate ?? 0) : s.main.track.bitrate;
}
