import type { H265Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { parseHevcDecoderConfig } from './hevc-decoder-config.js';
import { hevcSpsPictureSize } from './hevc-sps-size.js';

export interface H265ConfigHints {
  /**
   * The size from the sample entry (ISO 14496-12 §12.1.3). Without it (RTMP carries only the
   * record) the first SPS gives it.
   */
  width?: number;
  height?: number;
  /** Frame rate from container metadata, used when the record's avgFrameRate is 0. */
  frameRate?: number;
}

/** Frame rates above this are not plausible video rates. */
const MAX_PLAUSIBLE_FPS = 300;

/**
 * Builds the model's H265Config from an HEVCDecoderConfigurationRecord. The record is copied, so
 * the result does not pin the buffer it arrived in. Profile, tier, level and flags come from the
 * record (they make the codec string); the size comes from the sample entry, else the SPS, and the sample
 * aspect ratio is taken as 1:1 (the SPS VUI is not parsed).
 */
export function h265ConfigFromHvcC(hvcC: Uint8Array, hints: H265ConfigHints): H265Config {
  const own = hvcC.slice();
  let record;
  try {
    record = parseHevcDecoderConfig(own);
  } catch (e) {
    throw new TributaryError('ERR_MEDIA', `invalid HEVCDecoderConfigurationRecord: ${(e as Error).message}`);
  }
  let { width, height } = hints;
  if (width === undefined || height === undefined) {
    if (record.sps.length === 0) throw new TributaryError('ERR_MEDIA', 'HEVCDecoderConfigurationRecord has no SPS and there is no picture size');
    ({ width, height } = hevcSpsPictureSize(record.sps[0]));
  }
  if (!(width > 0 && height > 0)) {
    throw new TributaryError('ERR_MEDIA', `HEVC picture size ${width}x${height} is not valid`);
  }
  const config: H265Config = {
    kind: 'h265',
    hvcC: own,
    vps: record.vps,
    sps: record.sps,
    pps: record.pps,
    lengthSize: record.lengthSize,
    profileSpace: record.profileSpace,
    tierFlag: record.tierFlag,
    profileIdc: record.profileIdc,
    compatibilityFlags: record.compatibilityFlags,
    constraintFlags: record.constraintFlags,
    levelIdc: record.levelIdc,
    width,
    height,
    sarWidth: 1,
    sarHeight: 1,
  };
  // avgFrameRate is in frames per 256 s (§8.3.3.1.2).
  const fromRecord = record.avgFrameRate / 256;
  const frameRate = fromRecord > 0 && fromRecord <= MAX_PLAUSIBLE_FPS ? fromRecord : hints.frameRate;
  if (frameRate !== undefined && frameRate > 0 && Number.isFinite(frameRate)) config.frameRate = frameRate;
  return config;
}
