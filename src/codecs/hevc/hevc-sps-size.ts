import { TributaryError } from '../../util/errors.js';
import { nalToRbsp, RbspBitReader } from '../h264/rbsp-bit-reader.js';

/** SubWidthC, SubHeightC by chroma_format_idc (H.265 Table 6-1). */
const SUB_WIDTH = [1, 2, 2, 1];
const SUB_HEIGHT = [1, 2, 1, 1];

/**
 * The displayed picture size an HEVC SPS NAL unit declares (H.265 §7.3.2.2.1): the luma size
 * less the conformance window. Reads only as far as the conformance window; the bit reader
 * throws an ERR_MEDIA error on a truncated SPS.
 */
export function hevcSpsPictureSize(spsNal: Uint8Array): { width: number; height: number } {
  const r = new RbspBitReader(nalToRbsp(spsNal.subarray(2)), 'HEVC SPS');
  r.skip(4, 'sps_video_parameter_set_id');
  const maxSubLayersMinus1 = r.u(3, 'sps_max_sub_layers_minus1');
  r.skip(1, 'sps_temporal_id_nesting_flag');
  // profile_tier_level(1, maxSubLayersMinus1) (§7.3.3): 88 bits of general profile, 8 of level.
  r.skip(96, 'general profile, tier and level');
  const present: [boolean, boolean][] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) present.push([r.flag('sub_layer_profile_present_flag'), r.flag('sub_layer_level_present_flag')]);
  if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1), 'reserved_zero_2bits');
  for (const [profile, level] of present) {
    if (profile) r.skip(88, 'sub-layer profile');
    if (level) r.skip(8, 'sub_layer_level_idc');
  }
  r.ue('sps_seq_parameter_set_id');
  const chromaFormat = r.ue('chroma_format_idc');
  if (chromaFormat > 3) throw new TributaryError('ERR_MEDIA', `HEVC SPS: chroma_format_idc ${chromaFormat}`);
  const separateColourPlane = chromaFormat === 3 && r.flag('separate_colour_plane_flag');
  let width = r.ue('pic_width_in_luma_samples');
  let height = r.ue('pic_height_in_luma_samples');
  if (r.flag('conformance_window_flag')) {
    // ChromaArrayType is 0 with separate colour planes: crop units are then luma samples.
    const format = separateColourPlane ? 0 : chromaFormat;
    const [left, right, top, bottom] = [r.ue('left'), r.ue('right'), r.ue('top'), r.ue('bottom')];
    width -= SUB_WIDTH[format] * (left + right);
    height -= SUB_HEIGHT[format] * (top + bottom);
  }
  return { width, height };
}
