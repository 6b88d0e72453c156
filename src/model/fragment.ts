import type { Sample } from './sample.js';

/**
 * The unit of storage, addressing and packaging: one fragment = one HLS/DASH segment = one
 * Smooth fragment = one HDS fragment. Video fragments start on a sync sample.
 */
export interface Fragment {
  trackId: string;
  /** Version of the track (its init segment) these samples decode with. */
  trackVersion: number;
  /**
   * Channel-wide segment number: fragments of different tracks that start at the same cut
   * share it, so HLS media sequence numbers agree across renditions.
   */
  sequence: number;
  decodeTime: bigint;
  samples: Sample[];
  /** True when this fragment does not continue the previous one (encoder reconnect, new config). */
  discontinuity: boolean;
}

export function fragmentDuration(samples: readonly Sample[]): number {
  let d = 0;
  for (const s of samples) d += s.duration;
  return d;
}
