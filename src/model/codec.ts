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

export type CodecConfig = H264Config | AacConfig;

export function sameCodecConfig(a: CodecConfig, b: CodecConfig): boolean {
  if (a.kind !== b.kind) return false;
  const x = a.kind === 'h264' ? a.avcC : a.asc;
  const y = b.kind === 'h264' ? (b as H264Config).avcC : (b as AacConfig).asc;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
