/**
 * HEVCDecoderConfigurationRecord (ISO 14496-15 §8.3.3.1), 23 fixed bytes then the arrays:
 *   configurationVersion(8)=1
 *   general_profile_space(2) general_tier_flag(1) general_profile_idc(5)
 *   general_profile_compatibility_flags(32) general_constraint_indicator_flags(48) general_level_idc(8)
 *   reserved(4) min_spatial_segmentation_idc(12) reserved(6) parallelismType(2)
 *   reserved(6) chromaFormat(2) reserved(5) bitDepthLumaMinus8(3) reserved(5) bitDepthChromaMinus8(3)
 *   avgFrameRate(16) constantFrameRate(2) numTemporalLayers(3) temporalIdNested(1) lengthSizeMinusOne(2)
 *   numOfArrays(8) { array_completeness(1) reserved(1) NAL_unit_type(6) numNalus(16) { nalUnitLength(16) nalUnit }* }*
 */
export interface HevcDecoderConfig {
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  compatibilityFlags: number;
  constraintFlags: Uint8Array;
  levelIdc: number;
  /** avgFrameRate is in frames per 256 seconds; 0 means unspecified. */
  avgFrameRate: number;
  lengthSize: number;
  vps: Uint8Array[];
  sps: Uint8Array[];
  pps: Uint8Array[];
}

const FIXED_BYTES = 23;
/** NAL unit types of the parameter sets (ITU-T H.265 Table 7-1). */
const VPS_NUT = 32;
const SPS_NUT = 33;
const PPS_NUT = 34;

/** Parses an hvcC record; throws an Error naming the problem when it is malformed. */
export function parseHevcDecoderConfig(b: Uint8Array): HevcDecoderConfig {
  if (b.length < FIXED_BYTES) throw new Error(`hvcC too short (${b.length} bytes, need ${FIXED_BYTES})`);
  if (b[0] !== 1) throw new Error(`hvcC configurationVersion ${b[0]} is not 1`);
  const lengthSize = (b[21] & 3) + 1;
  if (lengthSize === 3) throw new Error('hvcC lengthSize 3 is not allowed');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const config: HevcDecoderConfig = {
    profileSpace: b[1] >> 6,
    tierFlag: (b[1] >> 5) & 1,
    profileIdc: b[1] & 0x1f,
    compatibilityFlags: view.getUint32(2),
    constraintFlags: b.slice(6, 12),
    levelIdc: b[12],
    avgFrameRate: view.getUint16(19),
    lengthSize,
    vps: [],
    sps: [],
    pps: [],
  };
  const arrays = b[22];
  let pos = FIXED_BYTES;
  for (let a = 0; a < arrays; a++) {
    if (pos + 3 > b.length) throw new Error(`hvcC array ${a} header past end`);
    const type = b[pos] & 0x3f;
    const count = view.getUint16(pos + 1);
    pos += 3;
    for (let i = 0; i < count; i++) {
      if (pos + 2 > b.length) throw new Error(`hvcC NAL unit length past end (array ${a}, unit ${i})`);
      const len = view.getUint16(pos);
      pos += 2;
      if (len === 0 || pos + len > b.length) throw new Error(`hvcC NAL unit past end (array ${a}, unit ${i}, ${len} bytes)`);
      const nal = b.subarray(pos, pos + len);
      pos += len;
      if (type === VPS_NUT) config.vps.push(nal);
      else if (type === SPS_NUT) config.sps.push(nal);
      else if (type === PPS_NUT) config.pps.push(nal);
      // SEI and other arrays are kept only in the record itself.
    }
  }
  if (config.vps.length === 0) throw new Error('hvcC has no VPS');
  if (config.sps.length === 0) throw new Error('hvcC has no SPS');
  if (config.pps.length === 0) throw new Error('hvcC has no PPS');
  return config;
}
