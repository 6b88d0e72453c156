import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { findTrack, tracksOfType } from './find-track.js';

/**
 * The audio track an MPEG-TS segment of `videoTrackId` carries (m3u8-aapl muxes one audio
 * elementary stream beside the video, Apple HLS authoring spec). Prefer the audio that came
 * from the same source (same `group`) so lip sync holds; otherwise the first audio track. A
 * source with several audio tracks (languages) gives the highest bitrate, then the first by id:
 * the choice must not depend on which track's first fragment happened to arrive first.
 * Undefined when the video track is unknown or there is no audio at all.
 */
export function pairedAudioTrack(p: Presentation, videoTrackId: string): PresentationTrack | undefined {
  const video = findTrack(p, videoTrackId);
  if (!video) return undefined;
  const audio = tracksOfType(p, 'audio');
  const sameSource = audio.filter((a) => a.track.group === video.track.group).sort((a, b) => b.track.bitrate - a.track.bitrate || (a.track.id < b.track.id ? -1 : 1));
  return sameSource[0] ?? audio[0];
}
