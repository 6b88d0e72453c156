import type { SmoothCodecConfig } from './carried-in-smooth.js';

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex').toUpperCase();

/**
 * QualityLevel@FourCC (MS-SSTR §2.2.2.5): H264; HVC1 for HEVC, the sample entry's code (the
 * field is a free four-character code; dash.js's MSS parser knows only H264/AVC1 and AAC and
 * skips such levels, so HEVC over Smooth needs a player that decodes it); or AACL for AAC LC and AACH for HE-AAC (SBR,
 * object type 5, and HE-AAC v2, 29, whose ASC also signals SBR). dash.js maps AACH to
 * mp4a.40.5 and AACL to the object type in the ASC (MssParser getAACCodec).
 */
export function qualityLevelFourCC(codec: SmoothCodecConfig): string {
  if (codec.kind === 'h264') return 'H264';
  if (codec.kind === 'h265') return 'HVC1';
  return codec.objectType === 5 || codec.objectType === 29 ? 'AACH' : 'AACL';
}

/**
 * QualityLevel@CodecPrivateData (MS-SSTR §2.2.2.5), uppercase hex. H.264: every SPS then every
 * PPS, each behind an Annex B start code `00000001`; clients rebuild the avcC from it (dash.js
 * takes the codec string from the three bytes after the SPS NAL header). HEVC: every VPS, SPS,
 * then PPS the same way (the hvcC arrays in Annex B form). AAC: the
 * AudioSpecificConfig as the encoder sent it (14496-3 §1.6.2.1).
 */
export function codecPrivateData(codec: SmoothCodecConfig): string {
  if (codec.kind === 'aac') return hex(codec.asc);
  const sets = codec.kind === 'h265' ? [...codec.vps, ...codec.sps, ...codec.pps] : [...codec.sps, ...codec.pps];
  return sets.map((nal) => '00000001' + hex(nal)).join('');
}
