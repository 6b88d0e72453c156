/**
 * Codec configurations as a discriminated union. Each carries the decoder configuration record
 * exactly as the bitstream defines it, plus the fields packagers need for manifests.
 */

/** H.264 / AVC: ISO 14496-15 §5.3.3.1 AVCDecoderConfigurationRecord. */
export interface H264Config {
  kind: 'h264';
  /** The AVCDecoderConfigurationRecord bytes (the avcC box payload). */
  avcC: Uint8Array;
  sps: Uint8Array[];
  pps: Uint8Array[];
  /** Bytes in each NAL unit length prefix of sample data (1, 2 or 4). */
  lengthSize: number;
  profile: number;
  compatibility: number;
  level: number;
  width: number;
  height: number;
  /** Frames per second when the SPS or metadata says, else undefined. */
  frameRate?: number;
  /** Sample aspect ratio, 1:1 unless the SPS VUI says otherwise. */
  sarWidth: number;
  sarHeight: number;
}

/** H.265 / HEVC: ISO 14496-15 §8.3.3.1 HEVCDecoderConfigurationRecord. */
export interface H265Config {
  kind: 'h265';
  /** The HEVCDecoderConfigurationRecord bytes (the hvcC box payload). */
  hvcC: Uint8Array;
  vps: Uint8Array[];
  sps: Uint8Array[];
  pps: Uint8Array[];
  /** Bytes in each NAL unit length prefix of sample data (1, 2 or 4). */
  lengthSize: number;
  /** general_profile_space (0–3), general_tier_flag (0 Main, 1 High), general_profile_idc. */
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  /** general_profile_compatibility_flags as a u32 (flag j is bit 31 − j). */
  compatibilityFlags: number;
  /** The 48 bits of general constraint indicator flags, 6 bytes. */
  constraintFlags: Uint8Array;
  levelIdc: number;
  width: number;
  height: number;
  frameRate?: number;
  sarWidth: number;
  sarHeight: number;
}

/** AV1: AV1-ISOBMFF §2.3.3 AV1CodecConfigurationRecord. */
export interface Av1Config {
  kind: 'av1';
  /** The AV1CodecConfigurationRecord bytes (the av1C box payload), configOBUs included. */
  av1C: Uint8Array;
  seqProfile: number;
  seqLevelIdx0: number;
  /** seq_tier_0: 0 Main, 1 High. */
  seqTier0: number;
  /** 8, 10 or 12, from high_bitdepth and twelve_bit. */
  bitDepth: number;
  monochrome: boolean;
  chromaSubsamplingX: number;
  chromaSubsamplingY: number;
  chromaSamplePosition: number;
  /** color_description of the sequence header, when present (AV1 spec §6.4.2). */
  color?: { primaries: number; transfer: number; matrix: number; fullRange: boolean };
  /** max_frame_width/height of the sequence header, else from the container. */
  width: number;
  height: number;
  frameRate?: number;
  sarWidth: number;
  sarHeight: number;
}

/** AAC: ISO 14496-3 §1.6.2.1 AudioSpecificConfig. */
export interface AacConfig {
  kind: 'aac';
  /** The AudioSpecificConfig bytes as sent by the encoder (may be longer than 2 bytes). */
  asc: Uint8Array;
  /** Audio object type: 2 LC, 5 HE (SBR), 29 HEv2 (PS). */
  objectType: number;
  /** Output sample rate in Hz (the core rate; the timescale of the track). */
  sampleRate: number;
  channels: number;
  /** 1024, or 960 when frameLengthFlag is set. */
  samplesPerFrame: number;
}

export type VideoCodecConfig = H264Config | H265Config | Av1Config;
/** The video codecs whose samples are length-prefixed NAL units (ISO 14496-15). */
export type NalVideoCodecConfig = H264Config | H265Config;
export type CodecConfig = VideoCodecConfig | AacConfig;

/** True for the video codecs, which carry width, height, SAR and frame rate. */
export function isVideoCodec(c: CodecConfig): c is VideoCodecConfig {
  return c.kind === 'h264' || c.kind === 'h265' || c.kind === 'av1';
}

/** The decoder configuration record as carried in the sample entry. */
function configRecord(c: CodecConfig): Uint8Array {
  switch (c.kind) {
    case 'h264':
      return c.avcC;
    case 'h265':
      return c.hvcC;
    case 'av1':
      return c.av1C;
    case 'aac':
      return c.asc;
  }
}

export function sameCodecConfig(a: CodecConfig, b: CodecConfig): boolean {
  if (a.kind !== b.kind) return false;
  const x = configRecord(a);
  const y = configRecord(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
