import { buildAvcDecoderConfig } from '../../codecs/h264/avc-decoder-config.js';
import { h264ConfigFromAvcC } from '../../codecs/h264/h264-config.js';
import type { H264Config } from '../../model/codec.js';

/**
 * Decoder configurations for tests that drive a channel without an encoder: H.264 Constrained
 * Baseline parameter sets (POC type 2, one reference frame, no VUI) as an RTMP publish sends
 * them in its AVC sequence header, and an AAC-LC AudioSpecificConfig. Each parses back
 * (parseSps, parseAudioSpecificConfig) to the size and format it is named for.
 */
const PPS = Uint8Array.of(0x68, 0xce, 0x3c, 0x80);
const SPS = {
  /** Level 3.0, 40 × 23 macroblocks cropped by 8 lines. */
  '360p': Uint8Array.of(0x67, 0x42, 0xc0, 0x1e, 0xda, 0x02, 0x80, 0xbf, 0xe5, 0x84),
  /** Level 3.1, 80 × 45 macroblocks. */
  '720p': Uint8Array.of(0x67, 0x42, 0xc0, 0x1f, 0xda, 0x01, 0x40, 0x16, 0xe4),
} as const;

export type TestPictureSize = keyof typeof SPS;

/** The AVCDecoderConfigurationRecord of an RTMP AVC sequence header. */
export function testAvcC(size: TestPictureSize): Uint8Array {
  return buildAvcDecoderConfig([SPS[size]], [PPS]);
}

/** The H264Config the ingest adapters derive from `testAvcC(size)`. */
export function testH264Config(size: TestPictureSize): H264Config {
  return h264ConfigFromAvcC(testAvcC(size));
}

/** AAC-LC, 48 kHz, stereo (ISO 14496-3 §1.6.2.1: object type 2, frequency index 3, 2 channels). */
export const AAC_LC_48K_STEREO_ASC = Uint8Array.of(0x11, 0x90);
