import { rescale } from '../../model/time.js';

/**
 * An xs:duration (XML Schema Part 2 §3.2.6) from integer milliseconds, seconds only:
 * 1500 → `PT1.5S`, 2000 → `PT2S`. Whole-second form avoids float formatting entirely.
 */
export function msToXsDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(Math.round(ms));
  const whole = Math.floor(abs / 1000);
  const frac = String(abs % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${sign}PT${whole}${frac ? '.' + frac : ''}S`;
}

/** Integer ticks of `timescale` as whole milliseconds, rounding to nearest. */
export function ticksToMs(ticks: number | bigint, timescale: number): number {
  return Number(rescale(BigInt(ticks), timescale, 1000));
}
