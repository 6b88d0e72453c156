import type { CodecConfig } from '../../model/codec.js';

/**
 * Whether the MPEG-TS muxer (m3u8-aapl) can carry a codec: H.264 (stream_type 0x1B), HEVC
 * (0x24, ISO 13818-1 Amd. 3) and AAC (ADTS, 0x0F). Every codec the ingest accepts today is
 * carried; a future one that is not stays out of m3u8-aapl playlists and has no TS segments,
 * rather than being served broken.
 */
export function carriedInMpegTs(codec: CodecConfig): boolean {
  return codec.kind === 'h264' || codec.kind === 'h265' || codec.kind === 'aac';
}
