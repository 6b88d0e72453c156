import type { AacConfig, CodecConfig, NalVideoCodecConfig } from '../../model/codec.js';

/** The codecs a Smooth QualityLevel can describe. */
export type SmoothCodecConfig = NalVideoCodecConfig | AacConfig;

/**
 * Whether a Smooth client manifest can carry a codec. MS-SSTR §2.2.2.5 describes a video
 * QualityLevel by a FourCC and CodecPrivateData holding Annex B parameter sets, which fits H.264
 * and HEVC; AV1 has no FourCC or CodecPrivateData form defined for Smooth, and no Smooth client
 * (dash.js MssParser, ExoPlayer SsManifestParser) knows one. Such a track has no StreamIndex and
 * no fragment URLs: it is left out of the manifest rather than described in a way no player
 * decodes, and HLS fMP4 and DASH still offer it.
 */
export function carriedInSmooth(codec: CodecConfig): codec is SmoothCodecConfig {
  return codec.kind === 'h264' || codec.kind === 'h265' || codec.kind === 'aac';
}
