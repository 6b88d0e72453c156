import type { Av1Config } from '../../model/codec.js';
import { TributaryError } from '../../util/errors.js';
import { OBU_SEQUENCE_HEADER, splitObus } from './obu.js';
import { parseSequenceHeader } from './sequence-header.js';

export interface Av1ConfigHints {
  /** Picture size from elsewhere (a sample entry, RTMP onMetaData) when configOBUs has no sequence header. */
  width?: number;
  height?: number;
  frameRate?: number;
}

const AV1C_FIXED = 4;
const fail = (what: string) => new TributaryError('ERR_MEDIA', `invalid AV1CodecConfigurationRecord: ${what}`);

/**
 * Builds the model's Av1Config from an AV1CodecConfigurationRecord (AV1-ISOBMFF §2.3.3):
 *   marker(1)=1 version(7)=1 | seq_profile(3) seq_level_idx_0(5)
 *   | seq_tier_0(1) high_bitdepth(1) twelve_bit(1) monochrome(1) chroma_subsampling_x(1)
 *     chroma_subsampling_y(1) chroma_sample_position(2)
 *   | reserved(3) initial_presentation_delay_present(1) initial_presentation_delay_minus_one(4)
 *   | configOBUs (a sequence header OBU, perhaps metadata OBUs).
 * Profile, level, tier and bit depth come from the fixed fields (they make the codec string);
 * the picture size and frame rate from the sequence header when configOBUs has one, else from
 * the hints. The record is copied so that the result does not pin the buffer it came in.
 */
export function av1ConfigFromAv1C(record: Uint8Array, hints: Av1ConfigHints = {}): Av1Config {
  if (record.length < AV1C_FIXED) throw fail(`${record.length} bytes, at least ${AV1C_FIXED} needed`);
  if (record[0] !== 0x81) throw fail(`marker/version byte is 0x${record[0].toString(16)}, not 0x81`);
  const av1C = record.slice();
  const b1 = av1C[1];
  const b2 = av1C[2];
  const highBitdepth = (b2 & 0x40) !== 0;
  const twelveBit = (b2 & 0x20) !== 0;
  const config: Av1Config = {
    kind: 'av1',
    av1C,
    seqProfile: b1 >> 5,
    seqLevelIdx0: b1 & 0x1f,
    seqTier0: b2 >> 7,
    bitDepth: twelveBit ? 12 : highBitdepth ? 10 : 8,
    monochrome: (b2 & 0x10) !== 0,
    chromaSubsamplingX: (b2 >> 3) & 1,
    chromaSubsamplingY: (b2 >> 2) & 1,
    chromaSamplePosition: b2 & 3,
    width: hints.width ?? 0,
    height: hints.height ?? 0,
    sarWidth: 1,
    sarHeight: 1,
  };
  let sequence;
  try {
    const obus = splitObus(av1C.subarray(AV1C_FIXED));
    const header = obus.find((o) => o.type === OBU_SEQUENCE_HEADER);
    sequence = header && parseSequenceHeader(header.payload);
  } catch (e) {
    throw fail((e as Error).message);
  }
  if (sequence) {
    config.width = sequence.maxWidth;
    config.height = sequence.maxHeight;
    if (sequence.color) config.color = sequence.color;
  }
  const frameRate = sequence?.frameRate ?? hints.frameRate;
  if (frameRate !== undefined && Number.isFinite(frameRate) && frameRate > 0 && frameRate <= 300) config.frameRate = frameRate;
  if (!(config.width > 0 && config.height > 0)) throw fail('no sequence header in configOBUs and no picture size from the container');
  return config;
}
