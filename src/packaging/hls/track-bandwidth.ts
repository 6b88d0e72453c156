import type { PresentationTrack } from '../../model/presentation.js';
import { entryTimescale } from './entry-timescale.js';

/** Bits per second for EXT-X-STREAM-INF BANDWIDTH (peak) and AVERAGE-BANDWIDTH. */
export interface Bandwidth {
  peak: number;
  average: number;
}

/**
 * The rule, used for every variant and every format:
 *
 *   peak    = max(round(nominal × 1.1), measured peak segment bit rate of the listed entries)
 *   average = measured mean bit rate of the listed entries (nominal when there are none),
 *             capped at `peak`
 *
 * RFC 8216 §4.3.4.2 makes BANDWIDTH the peak segment bit rate, and Apple's validator flags a
 * stream whose measured peak exceeds it by more than 10 %. The nominal × 1.1 floor keeps the
 * value stable while the window holds few segments; the measured term makes sure an encoder
 * that overshoots its declared rate is never under-declared. Bytes are the stored fMP4
 * fragment sizes, so MPEG-TS packet overhead is covered only by the 10 % margin.
 */
export function trackBandwidth(pt: PresentationTrack, targetSegmentMs: number): Bandwidth {
  const nominalPeak = Math.round((pt.track.bitrate * 11) / 10);
  if (pt.entries.length === 0) return { peak: nominalPeak, average: pt.track.bitrate };
  const peak = Math.max(nominalPeak, measuredPeak(pt, targetSegmentMs));
  return { peak, average: Math.min(peak, measuredAverage(pt)) };
}

/** bits/s of `bytes` lasting `seconds` = bytes × 8 / seconds, rounded up. */
function rate(bytes: number, seconds: number): number {
  return seconds > 0 ? Math.ceil((bytes * 8) / seconds) : 0;
}

/**
 * draft-pantos-hls-rfc8216bis §4.4.6.2: the peak segment bit rate is the largest rate of any
 * contiguous run of segments lasting 0.5–1.5 target durations. From each segment we take the
 * shortest run reaching half a target duration, so one short segment before a discontinuity
 * does not inflate the peak; longer runs only average those rates.
 */
function measuredPeak(pt: PresentationTrack, targetSegmentMs: number): number {
  const entries = pt.entries;
  const minSeconds = targetSegmentMs / 2000;
  let peak = 0;
  for (let i = 0; i < entries.length; i++) {
    let bytes = 0;
    let seconds = 0;
    for (let j = i; j < entries.length && seconds < minSeconds; j++) {
      bytes += entries[j].byteLength;
      seconds += entries[j].duration / entryTimescale(pt, entries[j]);
    }
    if (seconds >= minSeconds || i === 0) peak = Math.max(peak, rate(bytes, seconds));
  }
  return peak;
}

function measuredAverage(pt: PresentationTrack): number {
  let bytes = 0;
  let seconds = 0;
  for (const e of pt.entries) {
    bytes += e.byteLength;
    seconds += e.duration / entryTimescale(pt, e);
  }
  return rate(bytes, seconds);
}
