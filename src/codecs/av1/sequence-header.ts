import { RbspBitReader } from '../h264/rbsp-bit-reader.js';

/** What the origin needs from a sequence_header_obu (AV1 spec §5.5). */
export interface Av1SequenceHeader {
  seqProfile: number;
  seqLevelIdx0: number;
  seqTier0: number;
  /** max_frame_width_minus_1 + 1, max_frame_height_minus_1 + 1 (§5.5.1). */
  maxWidth: number;
  maxHeight: number;
  /** timing_info (§5.5.3) when present with equal_picture_interval: frames per second. */
  frameRate?: number;
  bitDepth: number;
  monochrome: boolean;
  /** color_description (§5.5.2) when color_description_present_flag is set. */
  color?: { primaries: number; transfer: number; matrix: number; fullRange: boolean };
}

/** seq_force_screen_content_tools / seq_force_integer_mv "SELECT_…" value (§6.4.1). */
const SELECT = 2;
/** color_primaries / matrix_coefficients values that change color_config's syntax (§6.4.2). */
const CP_BT_709 = 1;
const TC_SRGB = 13;
const MC_IDENTITY = 0;

/**
 * Parses the payload of a sequence header OBU, field by field as §5.5.1 lays it out, up to the
 * color_config. AV1 has no emulation prevention, so the bit reader runs on the payload as is;
 * reading past its end throws an ERR_MEDIA error.
 */
export function parseSequenceHeader(payload: Uint8Array): Av1SequenceHeader {
  const r = new RbspBitReader(payload, 'AV1 sequence header');
  const seqProfile = r.u(3, 'seq_profile');
  r.skip(1, 'still_picture');
  const reduced = r.flag('reduced_still_picture_header');
  let seqLevelIdx0: number;
  let seqTier0 = 0;
  let frameRate: number | undefined;
  if (reduced) {
    seqLevelIdx0 = r.u(5, 'seq_level_idx[0]');
  } else {
    let decoderModelInfo = false;
    let bufferDelayLength = 0;
    if (r.flag('timing_info_present_flag')) {
      const numUnits = r.u(32, 'num_units_in_display_tick');
      const timeScale = r.u(32, 'time_scale');
      if (r.flag('equal_picture_interval')) {
        const ticks = r.ue('num_ticks_per_picture_minus_1') + 1;
        if (numUnits > 0) frameRate = timeScale / (numUnits * ticks);
      }
      decoderModelInfo = r.flag('decoder_model_info_present_flag');
      if (decoderModelInfo) {
        bufferDelayLength = r.u(5, 'buffer_delay_length_minus_1') + 1;
        r.skip(32 + 5 + 5, 'decoder_model_info');
      }
    }
    const initialDisplayDelay = r.flag('initial_display_delay_present_flag');
    const operatingPoints = r.u(5, 'operating_points_cnt_minus_1') + 1;
    seqLevelIdx0 = 0;
    for (let i = 0; i < operatingPoints; i++) {
      r.skip(12, 'operating_point_idc');
      const level = r.u(5, 'seq_level_idx');
      const tier = level > 7 ? r.u(1, 'seq_tier') : 0;
      if (i === 0) [seqLevelIdx0, seqTier0] = [level, tier];
      if (decoderModelInfo && r.flag('decoder_model_present_for_this_op')) r.skip(2 * bufferDelayLength + 1, 'operating_parameters_info');
      if (initialDisplayDelay && r.flag('initial_display_delay_present_for_this_op')) r.skip(4, 'initial_display_delay_minus_1');
    }
  }
  const widthBits = r.u(4, 'frame_width_bits_minus_1') + 1;
  const heightBits = r.u(4, 'frame_height_bits_minus_1') + 1;
  const maxWidth = r.u(widthBits, 'max_frame_width_minus_1') + 1;
  const maxHeight = r.u(heightBits, 'max_frame_height_minus_1') + 1;
  if (!reduced && r.flag('frame_id_numbers_present_flag')) r.skip(4 + 3, 'frame id lengths');
  r.skip(3, 'use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter');
  if (!reduced) {
    r.skip(4, 'enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter');
    const orderHint = r.flag('enable_order_hint');
    if (orderHint) r.skip(2, 'enable_jnt_comp, enable_ref_frame_mvs');
    const screenContent = r.flag('seq_choose_screen_content_tools') ? SELECT : r.u(1, 'seq_force_screen_content_tools');
    if (screenContent > 0 && !r.flag('seq_choose_integer_mv')) r.skip(1, 'seq_force_integer_mv');
    if (orderHint) r.skip(3, 'order_hint_bits_minus_1');
  }
  r.skip(3, 'enable_superres, enable_cdef, enable_restoration');
  // color_config (§5.5.2).
  const highBitdepth = r.flag('high_bitdepth');
  const bitDepth = seqProfile === 2 && highBitdepth ? (r.flag('twelve_bit') ? 12 : 10) : highBitdepth ? 10 : 8;
  const monochrome = seqProfile === 1 ? false : r.flag('mono_chrome');
  const header: Av1SequenceHeader = { seqProfile, seqLevelIdx0, seqTier0, maxWidth, maxHeight, bitDepth, monochrome };
  if (frameRate !== undefined && Number.isFinite(frameRate) && frameRate > 0) header.frameRate = frameRate;
  if (r.flag('color_description_present_flag')) {
    const primaries = r.u(8, 'color_primaries');
    const transfer = r.u(8, 'transfer_characteristics');
    const matrix = r.u(8, 'matrix_coefficients');
    // sRGB-style 4:4:4 implies full range without a color_range bit.
    const srgb = !monochrome && primaries === CP_BT_709 && transfer === TC_SRGB && matrix === MC_IDENTITY;
    const fullRange = srgb ? true : r.flag('color_range');
    header.color = { primaries, transfer, matrix, fullRange };
  }
  return header;
}
