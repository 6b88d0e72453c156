import type { Presentation } from '../../model/presentation.js';
import { ticksToSeconds } from '../../model/time.js';
import { initName, segmentName } from '../playback-path.js';
import { carriedInMpegTs } from './carried-in-mpeg-ts.js';
import { entryTimescale } from './entry-timescale.js';
import { findTrack } from './find-track.js';
import { hlsVersion, usesInitSection, type HlsFormat } from './hls-format.js';
import { programDateTime } from './program-date-time.js';
import { quotedString } from './quoted-string.js';
import { roundedExtinfSeconds, targetDuration } from './target-duration.js';

/**
 * The media playlist of one track (RFC 8216 §4.3.3, §6.2.1) behind
 * `QualityLevels(b)/Manifest(trackId,format=…)`. URIs are relative to that `QualityLevels(b)/`
 * directory. For m3u8-aapl the video track's timeline is listed and the origin muxes the paired
 * audio into each TS segment, chosen among the tracks the URL's `filters` keep (so TS segment
 * URLs repeat them). Undefined when the track is unknown (the origin answers 404).
 *
 * Sliding-window rules (formats.md §3.2): no EXT-X-PLAYLIST-TYPE while live; after the end,
 * VOD only when nothing ever slid out of the window (otherwise the playlist is not the whole
 * presentation), and always EXT-X-ENDLIST.
 */
export function renderMediaPlaylist(p: Presentation, trackId: string, format: HlsFormat, filters?: readonly string[]): string | undefined {
  const pt = findTrack(p, trackId);
  if (!pt) return undefined;
  if (format !== 'm3u8-cmaf' && !carriedInMpegTs(pt.track.codec)) return undefined;
  const entries = pt.entries;
  const lines = [
    '#EXTM3U',
    `#EXT-X-VERSION:${hlsVersion(format)}`,
    `#EXT-X-TARGETDURATION:${targetDuration(p)}`,
    `#EXT-X-MEDIA-SEQUENCE:${entries.length > 0 ? entries[0].sequence : 0}`,
  ];
  if (pt.discontinuitySequence > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${pt.discontinuitySequence}`);
  if (p.ended && p.dvrWindowMs === undefined) lines.push('#EXT-X-PLAYLIST-TYPE:VOD');

  let previousVersion: number | undefined;
  for (const e of entries) {
    const timescale = entryTimescale(pt, e);
    const first = previousVersion === undefined;
    // A flagged first entry keeps its tag: DISCONTINUITY-SEQUENCE counts only tags that slid
    // out, so dropping it here would renumber the segments after it (RFC 8216 §6.2.2).
    if (e.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    // §4.3.2.5: a MAP applies until the next one, so repeat it whenever the init changes.
    if (usesInitSection(format) && e.trackVersion !== previousVersion) {
      lines.push(`#EXT-X-MAP:URI=${quotedString(initName(trackId, e.trackVersion, format))}`);
    }
    if (first || e.discontinuity) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${programDateTime(p, e.decodeTime, timescale)}`);
    lines.push(`#EXTINF:${extinf(e.duration, timescale, format)},`, segmentName(trackId, e.decodeTime, format, format === 'm3u8-cmaf' ? undefined : filters));
    previousVersion = e.trackVersion;
  }
  if (p.ended) lines.push('#EXT-X-ENDLIST');
  lines.push('');
  return lines.join('\n');
}

/**
 * m3u8-aapl-v3 is for old set-top boxes and players that misread decimal durations (they
 * predate protocol version 3, RFC 8216 §7): each EXTINF is the duration rounded to whole
 * seconds, as TARGETDURATION counts it (so it never exceeds it), and at least 1. Segments cut
 * at the key frame interval are whole seconds anyway; where they are not, PROGRAM-DATE-TIME
 * keeps the wall-clock position honest. Other flavours print milliseconds.
 */
function extinf(duration: number, timescale: number, format: HlsFormat): string {
  if (format === 'm3u8-aapl-v3') return String(Math.max(1, roundedExtinfSeconds(duration, timescale)));
  return ticksToSeconds(duration, timescale, 3);
}
