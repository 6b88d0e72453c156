import { TributaryError } from '../../util/errors.js';
import { nalToRbsp, RbspBitReader } from './rbsp-bit-reader.js';
import { parseVuiPrefix } from './vui.js';

/** What packaging needs from a sequence parameter set (H.264 §7.3.2.1.1). */
export interface SpsInfo {
  profile: number;
  /** constraint_set0..5 flags and reserved bits: the avcC profile_compatibility byte. */
  constraintFlags: number;
  level: number;
  spsId: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  chromaFormat: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  frameMbsOnly: boolean;
  log2MaxFrameNum: number;
  picOrderCntType: number;
  /** Only meaningful when picOrderCntType is 0. */
  log2MaxPicOrderCntLsb: number;
  /** Displayed size: coded size minus the frame cropping rectangle. */
  width: number;
  height: number;
  sarWidth: number;
  sarHeight: number;
  /** time_scale / (2 × num_units_in_tick) when the VUI carries timing_info. */
  frameRate?: number;
}

/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling matrices (§7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
const NAL_SPS = 7;

const fail = (message: string): never => {
  throw new TributaryError('ERR_MEDIA', `SPS: ${message}`);
};

/** scaling_list() (§7.3.2.1.1.1): only the delta_scale codes need consuming. */
function skipScalingList(r: RbspBitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size && next !== 0; j++) {
    const delta = r.se('delta_scale');
    if (delta < -128 || delta > 127) fail(`delta_scale ${delta} out of range`);
    next = (last + delta + 256) % 256;
    if (next !== 0) last = next;
  }
}

/** Parses an SPS NAL unit (with its one-byte NAL header, emulation prevention intact). */
export function parseSps(nal: Uint8Array): SpsInfo {
  if (nal.length < 4) fail(`${nal.length} bytes is too short`);
  if ((nal[0] & 0x1f) !== NAL_SPS) fail(`NAL unit type ${nal[0] & 0x1f} is not 7`);
  const r = new RbspBitReader(nalToRbsp(nal.subarray(1)), 'SPS');
  const profile = r.u(8, 'profile_idc');
  const constraintFlags = r.u(8, 'constraint flags');
  const level = r.u(8, 'level_idc');
  const spsId = r.ue('seq_parameter_set_id');
  if (spsId > 31) fail(`seq_parameter_set_id ${spsId} > 31`);

  let chromaFormat = 1;
  let separateColourPlane = false;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  if (HIGH_PROFILES.has(profile)) {
    chromaFormat = r.ue('chroma_format_idc');
    if (chromaFormat > 3) fail(`chroma_format_idc ${chromaFormat} > 3`);
    if (chromaFormat === 3) separateColourPlane = r.flag('separate_colour_plane_flag');
    bitDepthLuma = 8 + r.ue('bit_depth_luma_minus8');
    bitDepthChroma = 8 + r.ue('bit_depth_chroma_minus8');
    if (bitDepthLuma > 14 || bitDepthChroma > 14) fail('bit depth above 14');
    r.skip(1, 'qpprime_y_zero_transform_bypass_flag');
    if (r.flag('seq_scaling_matrix_present_flag')) {
      const lists = chromaFormat === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) {
        if (r.flag('seq_scaling_list_present_flag')) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
  }

  const log2MaxFrameNum = r.ue('log2_max_frame_num_minus4') + 4;
  if (log2MaxFrameNum > 16) fail(`log2_max_frame_num ${log2MaxFrameNum} > 16`);
  const picOrderCntType = r.ue('pic_order_cnt_type');
  let log2MaxPicOrderCntLsb = 0;
  if (picOrderCntType === 0) {
    log2MaxPicOrderCntLsb = r.ue('log2_max_pic_order_cnt_lsb_minus4') + 4;
    if (log2MaxPicOrderCntLsb > 16) fail(`log2_max_pic_order_cnt_lsb ${log2MaxPicOrderCntLsb} > 16`);
  } else if (picOrderCntType === 1) {
    r.skip(1, 'delta_pic_order_always_zero_flag');
    r.se('offset_for_non_ref_pic');
    r.se('offset_for_top_to_bottom_field');
    const cycle = r.ue('num_ref_frames_in_pic_order_cnt_cycle');
    if (cycle > 255) fail(`num_ref_frames_in_pic_order_cnt_cycle ${cycle} > 255`);
    for (let i = 0; i < cycle; i++) r.se('offset_for_ref_frame');
  } else if (picOrderCntType !== 2) {
    fail(`pic_order_cnt_type ${picOrderCntType} > 2`);
  }
  r.ue('max_num_ref_frames');
  r.skip(1, 'gaps_in_frame_num_value_allowed_flag');
  const widthMbs = r.ue('pic_width_in_mbs_minus1') + 1;
  const heightMapUnits = r.ue('pic_height_in_map_units_minus1') + 1;
  const frameMbsOnly = r.flag('frame_mbs_only_flag');
  if (!frameMbsOnly) r.skip(1, 'mb_adaptive_frame_field_flag');
  r.skip(1, 'direct_8x8_inference_flag');
  const codedWidth = widthMbs * 16;
  const codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
  if (codedWidth > 16384 || codedHeight > 16384) fail(`coded size ${codedWidth}x${codedHeight} is implausible`);

  let width = codedWidth;
  let height = codedHeight;
  if (r.flag('frame_cropping_flag')) {
    // Crop units (§7.4.2.1.1, eq. 7-19..7-22): chroma subsampling × field pairing.
    const chromaArrayType = separateColourPlane ? 0 : chromaFormat;
    const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
    const subHeightC = chromaArrayType === 1 ? 2 : 1;
    const cropX = subWidthC;
    const cropY = subHeightC * (frameMbsOnly ? 1 : 2);
    const left = r.ue('frame_crop_left_offset');
    const right = r.ue('frame_crop_right_offset');
    const top = r.ue('frame_crop_top_offset');
    const bottom = r.ue('frame_crop_bottom_offset');
    width -= cropX * (left + right);
    height -= cropY * (top + bottom);
    if (width <= 0 || height <= 0) fail(`cropping leaves ${width}x${height} of ${codedWidth}x${codedHeight}`);
  }

  const info: SpsInfo = {
    profile, constraintFlags, level, spsId, chromaFormat, bitDepthLuma, bitDepthChroma, frameMbsOnly,
    log2MaxFrameNum, picOrderCntType, log2MaxPicOrderCntLsb, width, height, sarWidth: 1, sarHeight: 1,
  };
  if (r.bitsLeft > 0 && r.flag('vui_parameters_present_flag')) {
    // Some encoders truncate the VUI; a short VUI must not reject an otherwise valid SPS, so
    // it is read on its own and dropped when it runs out.
    try {
      const vui = parseVuiPrefix(r);
      info.sarWidth = vui.sarWidth;
      info.sarHeight = vui.sarHeight;
      if (vui.numUnitsInTick && vui.timeScale) info.frameRate = vui.timeScale / (2 * vui.numUnitsInTick);
    } catch (e) {
      if (!(e instanceof TributaryError)) throw e;
    }
  }
  return info;
}
