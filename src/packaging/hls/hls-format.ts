/** The HLS flavours of the playback URL scheme (CONTRACT §4). */
export type HlsFormat = 'm3u8-cmaf' | 'm3u8-aapl' | 'm3u8-aapl-v3';

/**
 * EXT-X-VERSION per flavour (RFC 8216 §7): fMP4 needs EXT-X-MAP in a media playlist, hence 6;
 * we write 7 like other fMP4 packagers. MPEG-TS needs only float EXTINF (3); m3u8-aapl says 4
 * as Azure does, m3u8-aapl-v3 exists for clients that reject anything above 3.
 */
export function hlsVersion(format: HlsFormat): number {
  switch (format) {
    case 'm3u8-cmaf':
      return 7;
    case 'm3u8-aapl':
      return 4;
    case 'm3u8-aapl-v3':
      return 3;
  }
}

/** True for the flavours whose segments are fMP4 and need an EXT-X-MAP init section. */
export function usesInitSection(format: HlsFormat): boolean {
  return format === 'm3u8-cmaf';
}
