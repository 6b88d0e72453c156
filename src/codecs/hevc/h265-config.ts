import type { H265Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { parseHevcDecoderConfig } from './hevc-decoder-config.js';

export interface H265ConfigHints {
  /** The coded size from the sample entry (ISO 14496-12 §12.1.3): the SPS is not parsed. */
  width: number;
  height: number;
  /** Frame rate from container metadata, used when the record's avgFrameRate is 0. */
  frameRate?: number;
}

/** Frame rates above this are not plausible video rates. */
const MAX_PLAUSIBLE_FPS = 300;

/**
 * Builds the model's H265Config from an HEVCDecoderConfigurationRecord. The record is copied, so
 * the result does not pin the buffer it arrived in. Profile, tier, level and flags come from the
 * record (they make the codec string); the size comes from the sample entry and the sample
 * aspect ratio is taken as 1:1, since the SPS is not parsed.
 */
export function h265ConfigFromHvcC(hvcC: Uint8Array, hints: H265ConfigHints): H265Config {
  const own = hvcC.slice();
  let record;
  try {
    record = parseHevcDecoderConfig(own);
  } catch (e) {
    throw new TributaryError('ERR_MEDIA', `invalid HEVCDecoderConfigurationRecord: ${(e as Error).message}`);
  }
  if (!(hints.width > 0 && hints.height > 0)) {
    throw new TributaryError('ERR_MEDIA', `HEVC sample entry has no picture size (${hints.width}x${hints.height})`);
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
    width: hints.width,
    height: hints.height,
    sarWidth: 1,
    sarHeight: 1,
  };
  // avgFrameRate is in frames per 256 s (§8.3.3.1.2).
  const fromRecord = record.avgFrameRate / 256;
  const frameRate = fromRecord > 0 && fromRecord <= MAX_PLAUSIBLE_FPS ? fromRecord : hints.frameRate;
  if (frameRate !== undefined && frameRate > 0 && Number.isFinite(frameRate)) config.frameRate = frameRate;
  return config;
}
