import type { RbspBitReader } from './rbsp-bit-reader.js';

/** Table E-1 sample aspect ratios for aspect_ratio_idc 1..16; index 0 is "unspecified". */
const SAR_TABLE: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [1, 1], [12, 11], [10, 11], [16, 11], [40, 33], [24, 11], [20, 11], [32, 11],
  [80, 33], [18, 11], [15, 11], [64, 33], [160, 99], [4, 3], [3, 2], [2, 1],
];
const EXTENDED_SAR = 255;

export interface VuiInfo {
  sarWidth: number;
  sarHeight: number;
  /** From timing_info, when present. */
  numUnitsInTick?: number;
  timeScale?: number;
}

/**
 * The leading part of vui_parameters() (H.264 §E.1.1) up to timing_info: what packaging needs.
 * Unspecified, reserved or zero aspect ratios read as 1:1. The HRD and bitstream-restriction
 * parts after timing_info are not read.
 */
export function parseVuiPrefix(r: RbspBitReader): VuiInfo {
  const info: VuiInfo = { sarWidth: 1, sarHeight: 1 };
  if (r.flag('aspect_ratio_info_present_flag')) {
    const idc = r.u(8, 'aspect_ratio_idc');
    let sar: readonly [number, number] | undefined = SAR_TABLE[idc];
    if (idc === EXTENDED_SAR) sar = [r.u(16, 'sar_width'), r.u(16, 'sar_height')];
    if (sar && sar[0] > 0 && sar[1] > 0) [info.sarWidth, info.sarHeight] = sar;
  }
  if (r.flag('overscan_info_present_flag')) r.skip(1, 'overscan_appropriate_flag');
  if (r.flag('video_signal_type_present_flag')) {
    r.skip(4, 'video_format, video_full_range_flag');
    if (r.flag('colour_description_present_flag')) r.skip(24, 'colour description');
  }
  if (r.flag('chroma_loc_info_present_flag')) {
    r.ue('chroma_sample_loc_type_top_field');
    r.ue('chroma_sample_loc_type_bottom_field');
  }
  if (r.flag('timing_info_present_flag')) {
    info.numUnitsInTick = r.u(32, 'num_units_in_tick');
    info.timeScale = r.u(32, 'time_scale');
  }
  return info;
}
