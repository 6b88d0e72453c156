import type { Presentation } from '../../model/presentation.js';
import { rescale } from '../../model/time.js';

/**
 * EXT-X-PROGRAM-DATE-TIME of a segment (RFC 8216 §4.3.2.6): ISO 8601 UTC with milliseconds.
 * Media time 0 is `availabilityStartTime`, so the wall clock is AST + decodeTime / timescale —
 * the same mapping the DASH MPD advertises, which keeps HLS and DASH players in step.
 */
export function programDateTime(p: Presentation, decodeTime: bigint, timescale: number): string {
  const ms = p.availabilityStartTime + Number(rescale(decodeTime, timescale, 1000));
  return new Date(ms).toISOString();
}
