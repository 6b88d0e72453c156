import type { CodecConfig } from '../../model/codec.js';

/**
 * Whether the MPEG-TS muxer (m3u8-aapl) can carry a codec: H.264 (stream_type 0x1B) and AAC
 * (ADTS, 0x0F). HEVC (0x24, ISO 13818-1 Amd 3) is not muxed yet, so HEVC tracks are left out
 * of m3u8-aapl playlists and their TS segments are not found, rather than served broken.
 */
export function carriedInMpegTs(codec: CodecConfig): boolean {
  return codec.kind === 'h264' || codec.kind === 'aac';
}
