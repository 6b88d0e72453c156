import type { Presentation, PresentationTrack } from '../../model/presentation.js';
import { playlistPath } from '../playback-path.js';
import { audioRendition } from './audio-rendition.js';
import { carriedInMpegTs } from './carried-in-mpeg-ts.js';
import { tracksOfType } from './find-track.js';
import { hlsVersion, type HlsFormat } from './hls-format.js';
import { pairedAudioTrack } from './paired-audio-track.js';
import { streamInf, sumBandwidth } from './stream-inf.js';
import { trackBandwidth, type Bandwidth } from './track-bandwidth.js';

const AUDIO_GROUP = 'audio';

export interface MultivariantOptions {
  /**
   * Also offer audio-only variants beside the video ones. Apple's authoring spec asks for one
   * (cellular fallback) and Azure adds it unless the URL says `audio-only=false`
   * (ManifestOptions.audioOnly), so the origin passes that flag here.
   */
  audioOnlyVariant?: boolean;
  /** The URL's `filter=` names: each playlist URI repeats them, so playlists are filtered alike. */
  filters?: readonly string[];
  /** A filter's firstQuality: the video variant nearest this bitrate is listed first. */
  firstBitrate?: number;
}

/**
 * The multivariant playlist (RFC 8216 §4.3.4) behind `manifest(format=m3u8-…)`. Every URI is
 * relative to the `.ism/` directory (CONTRACT §4).
 *
 * - m3u8-cmaf: separate fMP4 audio renditions in one group; each video variant's BANDWIDTH adds
 *   the largest audio of the group, because a client may pick any of them.
 * - m3u8-aapl(-v3): MPEG-TS segments carry video and its paired audio muxed, so there is no
 *   EXT-X-MEDIA and each variant adds exactly that one audio.
 * - No video at all: one variant per audio track.
 * - `audioOnlyVariant` with video: m3u8-cmaf adds one variant on the DEFAULT rendition's
 *   playlist that still names the group (the client may switch renditions); m3u8-aapl adds one
 *   per audio track, since it has no renditions. They come last, being the smallest.
 * - m3u8-aapl(-v3) leaves out video the TS muxer cannot carry (carried-in-mpeg-ts.ts); HEVC in
 *   TS is named `hev1`, its parameter sets being repeated in the segments.
 */
export function renderMultivariantPlaylist(p: Presentation, format: HlsFormat, options: MultivariantOptions = {}): string {
  const bw = (pt: PresentationTrack): Bandwidth => trackBandwidth(pt, p.targetSegmentMs);
  const video = [...tracksOfType(p, 'video')]
    .filter((v) => format === 'm3u8-cmaf' || carriedInMpegTs(v.track.codec))
    .sort(byBitrateDescending);
  if (options.firstBitrate !== undefined) moveNearestFirst(video, options.firstBitrate);
  const audio = tracksOfType(p, 'audio');
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${hlsVersion(format)}`, '#EXT-X-INDEPENDENT-SEGMENTS'];
  const uri = (pt: PresentationTrack) => playlistPath(pt.track.bitrate, pt.track.id, format, options.filters);

  if (video.length === 0) {
    for (const a of audio) lines.push(...streamInf({ main: a, audio: [], bandwidth: bw(a), uri: uri(a) }));
  } else if (format === 'm3u8-cmaf') {
    audio.forEach((a, i) => lines.push(audioRendition({ track: a, groupId: AUDIO_GROUP, isDefault: i === 0, format, filters: options.filters })));
    const loudest = largestAudio(audio.map(bw));
    const audioGroup = audio.length > 0 ? AUDIO_GROUP : undefined;
    for (const v of video) {
      lines.push(...streamInf({ main: v, audio, bandwidth: sumBandwidth(bw(v), loudest), audioGroup, uri: uri(v) }));
    }
    if (options.audioOnlyVariant && loudest) {
      lines.push(...streamInf({ main: audio[0], audio, bandwidth: loudest, audioGroup, uri: uri(audio[0]) }));
    }
  } else {
    for (const v of video) {
      const paired = pairedAudioTrack(p, v.track.id);
      const audioOfVariant = paired ? [paired] : [];
      const bandwidth = sumBandwidth(bw(v), paired && bw(paired));
      lines.push(...streamInf({ main: v, audio: audioOfVariant, bandwidth, uri: uri(v), inBandParameterSets: true }));
    }
    if (options.audioOnlyVariant) {
      for (const a of audio) lines.push(...streamInf({ main: a, audio: [], bandwidth: bw(a), uri: uri(a) }));
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** Highest bitrate first (the first variant is the one a client tries first); ties by id. */
function byBitrateDescending(a: PresentationTrack, b: PresentationTrack): number {
  return b.track.bitrate - a.track.bitrate || (a.track.id < b.track.id ? -1 : a.track.id > b.track.id ? 1 : 0);
}

/** AMS firstQuality: clients (AVPlayer, hls.js without a bandwidth estimate) start with the first variant listed. */
function moveNearestFirst(video: PresentationTrack[], bitrate: number): void {
  if (video.length === 0) return;
  let best = 0;
  video.forEach((v, i) => {
    if (Math.abs(v.track.bitrate - bitrate) < Math.abs(video[best].track.bitrate - bitrate)) best = i;
  });
  video.unshift(...video.splice(best, 1));
}

/** Peak and average are each the maximum over the group (the worst case a client may pick). */
function largestAudio(all: Bandwidth[]): Bandwidth | undefined {
  if (all.length === 0) return undefined;
  return { peak: Math.max(...all.map((b) => b.peak)), average: Math.max(...all.map((b) => b.average)) };
}
