/**
 * Per track, the ordered list of stored fragments: what DASH `S@t/d/r`, Smooth `c@t/d/r`,
 * HDS `afrt` and an HLS EXTINF list render. The bytes live in the FragmentStore.
 */
export interface TimelineEntry {
  decodeTime: bigint;
  duration: number;
  sequence: number;
  trackVersion: number;
  discontinuity: boolean;
  byteLength: number;
}

/** A run of equal-duration, contiguous entries: `<S t d r>`. `repeat` counts the extra ones. */
export interface TimelineRun {
  start: bigint;
  duration: number;
  repeat: number;
}

/** Collapses entries into runs; a gap or a different duration starts a new run. */
export function timelineRuns(entries: readonly TimelineEntry[]): TimelineRun[] {
  const runs: TimelineRun[] = [];
  let last: TimelineRun | undefined;
  for (const e of entries) {
    if (last && last.duration === e.duration && last.start + BigInt(last.duration * (last.repeat + 1)) === e.decodeTime) {
      last.repeat++;
    } else {
      last = { start: e.decodeTime, duration: e.duration, repeat: 0 };
      runs.push(last);
    }
  }
  return runs;
}

/** Index of the entry that starts exactly at `decodeTime`, or -1. Entries are sorted. */
export function findEntry(entries: readonly TimelineEntry[], decodeTime: bigint): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = entries[mid].decodeTime;
    if (t === decodeTime) return mid;
    if (t < decodeTime) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
