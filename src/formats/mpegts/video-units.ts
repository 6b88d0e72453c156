import { rescale } from '../../model/time.js';
import type { NalVideoCodecConfig } from '../../model/codec.js';
import { planAnnexBAccessUnit, type AnnexBPlan } from './annexb-access-unit.js';
import type { TsTrackInput } from './ts-segment-input.js';
import { MPEG_CLOCK } from './ts-ids.js';

/** One video PES: a whole access unit (ISO 13818-1 §2.14.1 recommends one AU per PES). */
export interface VideoUnit {
  kind: 'video';
  sample: number;
  /** 90 kHz, unwrapped. */
  dts: number;
  pts: number;
  annexB: AnnexBPlan;
}

/**
 * Timestamps and Annex B sizes of every video sample. Absolute times are rescaled one by one
 * (not durations), so rounding never accumulates. TS forbids PTS < DTS, so when a sample has a
 * negative composition offset (edit-list style stores) every DTS of the segment moves back by
 * the most negative offset; the PTS, which is what players show, stays exact.
 */
export function videoUnits(track: TsTrackInput<NalVideoCodecConfig>): VideoUnit[] {
  let shift = 0;
  for (const s of track.samples) shift = Math.min(shift, s.compositionOffset);
  const units: VideoUnit[] = [];
  let t = track.decodeTime;
  track.samples.forEach((s, i) => {
    units.push({
      kind: 'video',
      sample: i,
      dts: Number(rescale(t + BigInt(shift), track.timescale, MPEG_CLOCK)),
      pts: Number(rescale(t + BigInt(s.compositionOffset), track.timescale, MPEG_CLOCK)),
      annexB: planAnnexBAccessUnit(s.data, s.sync, track.config),
    });
    t += BigInt(s.duration);
  });
  return units;
}
