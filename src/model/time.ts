/**
 * Time in the core is integer ticks of a track's timescale. Absolute decode times are bigint
 * because wire formats carry 64 bits (Smooth's 10 MHz clock since 1970 is past 2^53);
 * durations and composition offsets are plain numbers. No float seconds in the core.
 */

/** "Now" is injected so DVR and live-edge logic can be tested with a fake clock. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Converts an absolute time between timescales, rounding half away from zero. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (from === to) return value;
  const num = value * BigInt(to);
  const den = BigInt(from);
  const half = den / 2n;
  return num >= 0n ? (num + half) / den : -((-num + half) / den);
}

/** Converts a duration (small enough for a double) between timescales, rounding to nearest. */
export function rescaleDuration(value: number, from: number, to: number): number {
  return from === to ? value : Math.round((value * to) / from);
}

/** Seconds as a string with exactly `digits` decimals, computed without float drift. */
export function ticksToSeconds(ticks: number | bigint, timescale: number, digits = 3): string {
  const scale = 10 ** digits;
  const scaled = rescale(BigInt(ticks), timescale, scale);
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const whole = abs / BigInt(scale);
  const frac = (abs % BigInt(scale)).toString().padStart(digits, '0');
  return `${neg ? '-' : ''}${whole}${digits > 0 ? '.' + frac : ''}`;
}
