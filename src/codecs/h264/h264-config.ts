import type { H264Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { parseAvcDecoderConfig } from './avc-decoder-config.js';
import { parseSps } from './sps.js';

export interface H264ConfigHints {
  /** Frame rate from container metadata (RTMP onMetaData), used when the SPS has no usable timing. */
  frameRate?: number;
}

/** Frame rates outside this range in VUI timing are encoder time bases, not frame rates. */
const MAX_PLAUSIBLE_FPS = 300;

/**
 * Builds the model's H264Config from an AVCDecoderConfigurationRecord. The record is copied,
 * so the result does not pin the (possibly large) buffer it arrived in. Profile, compatibility
 * and level come from the record (they make the codec string); sizes, SAR and frame rate come
 * from its first SPS.
 */
export function h264ConfigFromAvcC(avcC: Uint8Array, hints: H264ConfigHints = {}): H264Config {
  const own = avcC.slice();
  let record;
  try {
    record = parseAvcDecoderConfig(own);
  } catch (e) {
    throw new TributaryError('ERR_MEDIA', `invalid AVCDecoderConfigurationRecord: ${(e as Error).message}`);
  }
  const sps = parseSps(record.sps[0]);
  let frameRate = sps.frameRate !== undefined && sps.frameRate <= MAX_PLAUSIBLE_FPS ? sps.frameRate : undefined;
  if (frameRate === undefined && hints.frameRate !== undefined && hints.frameRate > 0 && Number.isFinite(hints.frameRate)) {
    frameRate = hints.frameRate;
  }
  const config: H264Config = {
    kind: 'h264',
    avcC: own,
    sps: record.sps,
    pps: record.pps,
    lengthSize: record.lengthSize,
    profile: record.profile,
    compatibility: record.compatibility,
    level: record.level,
    width: sps.width,
    height: sps.height,
    sarWidth: sps.sarWidth,
    sarHeight: sps.sarHeight,
  };
  if (frameRate !== undefined) config.frameRate = frameRate;
  return config;
}
