import { rescale } from '../../model/time.js';

/**
 * Every Smooth time this origin writes (manifest `c@t`/`c@d`, Duration, DVRWindowLength, the
 * `{start time}` of fragment URLs, tfxd and tfrf) is in ticks of 10 MHz, the default TimeScale
 * of MS-SSTR §2.2.2.1.
 *
 * Why not StreamIndex@TimeScale (§2.2.2.3) with the tracks' own 90 kHz / 48 kHz: dash.js's
 * MssParser honours it for the SegmentTimeline and the generated moov, but on an on-demand
 * manifest it computes one timestampOffset as the minimum of the first `t` of every StreamIndex
 * in their raw units, mixing 90 kHz and 48 kHz numbers, which shifts audio against video. With
 * one timescale for all streams that computation is right, so fragments are rescaled too
 * (trun durations and composition offsets, see smooth-fragment.ts).
 */
export const SMOOTH_TIMESCALE = 10_000_000;

/** A track-timescale absolute time in 10 MHz ticks (rounded; exact from ms and 90 kHz multiples of 9). */
export function toSmoothTime(time: bigint, timescale: number): bigint {
  return rescale(time, timescale, SMOOTH_TIMESCALE);
}

/**
 * The track-timescale time whose 10 MHz value is exactly `smoothTime`, or undefined when none
 * is. For timescales up to 10 MHz the mapping is injective, so rounding back and checking is
 * an exact inverse: a URL time that no fragment start maps to is refused, not guessed.
 */
export function fromSmoothTime(smoothTime: bigint, timescale: number): bigint | undefined {
  const time = rescale(smoothTime, SMOOTH_TIMESCALE, timescale);
  return toSmoothTime(time, timescale) === smoothTime ? time : undefined;
}

/** A span [start, start + duration) of track ticks, as its 10 MHz length (from rounded ends, so spans tile). */
export function smoothDuration(start: bigint, duration: number, timescale: number): number {
  return Number(toSmoothTime(start + BigInt(duration), timescale) - toSmoothTime(start, timescale));
}
