import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { findTrack, tracksOfType } from './find-track.js';

/**
 * The audio track an MPEG-TS segment of `videoTrackId` carries (m3u8-aapl muxes one audio
 * elementary stream beside the video, Apple HLS authoring spec). Prefer the audio that came
 * from the same source (same `group`) so lip sync holds; otherwise the first audio track.
 * Undefined when the video track is unknown or there is no audio at all.
 */
export function pairedAudioTrack(p: Presentation, videoTrackId: string): PresentationTrack | undefined {
  const video = findTrack(p, videoTrackId);
  if (!video) return undefined;
  const audio = tracksOfType(p, 'audio');
  return audio.find((a) => a.track.group === video.track.group) ?? audio[0];
}
