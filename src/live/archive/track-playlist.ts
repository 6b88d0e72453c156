import type { TimelineEntry } from '../../model/timeline.js';

/**
 * A VOD media playlist (RFC 8216) over one track's files in an asset directory, written beside
 * them as `index.m3u8` when recording stops, so that a person can inspect or play a recorded
 * track with nothing but the files: `ffprobe <data-dir>/media/asset-<name>/<trackId>/index.m3u8`.
 * The server never reads it; the journal is the index.
 */
export function trackPlaylist(entries: readonly TimelineEntry[], timescale: number, discontinuitySequence: number): string {
  const longest = entries.reduce((m, e) => Math.max(m, e.duration / timescale), 0);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${Math.max(1, Math.round(longest))}`, '#EXT-X-MEDIA-SEQUENCE:0'];
  if (discontinuitySequence > 0) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${discontinuitySequence}`);
  lines.push('#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS');
  let version: number | undefined;
  for (const e of entries) {
    if (e.discontinuity && version !== undefined) lines.push('#EXT-X-DISCONTINUITY');
    if (e.trackVersion !== version) lines.push(`#EXT-X-MAP:URI="init-${e.trackVersion}.mp4"`);
    lines.push(`#EXTINF:${(e.duration / timescale).toFixed(3)},`, `${e.decodeTime}.m4s`);
    version = e.trackVersion;
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}
