import type { TimelineEntry } from '../model/timeline.js';
import type { Track } from '../model/track.js';

/**
 * The live index of one track: its versions (one init segment each) and the fragments stored,
 * oldest first. Entries are appended only after their bytes are in the store, so anything
 * listed here can be served.
 */
export class TrackTimeline {
  readonly versions = new Map<number, Track>();
  readonly entries: TimelineEntry[] = [];
  /** Discontinuities among entries already pruned (HLS DISCONTINUITY-SEQUENCE base). */
  prunedDiscontinuities = 0;
  /** Fragments received since the channel started, for ingest health. */
  fragmentsReceived = 0;
  /** Fragments already covered by the timeline (redundant encoders, reconnect resends). */
  duplicatesDropped = 0;
  /** Fragments of an encoder held in reserve because it does not line up with the others. */
  standbyDropped = 0;

  constructor(public track: Track) {
    this.versions.set(track.version, track);
  }

  get id(): string {
    return this.track.id;
  }

  /** End of the last entry in the track's timescale, or undefined when empty. */
  get end(): bigint | undefined {
    const last = this.entries[this.entries.length - 1];
    return last && last.decodeTime + BigInt(last.duration);
  }

  /** Bits per second over the last (up to) ten listed fragments, or null before any. */
  measuredBitrate(): number | null {
    const recent = this.entries.slice(-10);
    const ticks = recent.reduce((n, e) => n + e.duration, 0);
    if (ticks === 0) return null;
    return Math.round((recent.reduce((n, e) => n + e.byteLength, 0) * 8 * this.track.timescale) / ticks);
  }

  addVersion(track: Track): void {
    this.track = track;
    this.versions.set(track.version, track);
  }

  /** Appends an entry that starts at or after the end (see fitFragment). */
  append(entry: TimelineEntry): void {
    const end = this.end;
    if (end !== undefined && entry.decodeTime < end) throw new Error(`entry at ${entry.decodeTime} overlaps the end ${end} of ${this.id}`);
    this.entries.push(entry);
  }

  /** Removes entries that end at or before `before` (track timescale), keeping the last; returns them. */
  pruneBefore(before: bigint): TimelineEntry[] {
    let n = 0;
    while (n < this.entries.length - 1 && this.entries[n].decodeTime + BigInt(this.entries[n].duration) <= before) n++;
    return this.dropFirst(n);
  }

  /** Removes the entries numbered below `sequence`, all of them if need be; returns them. */
  pruneBeforeSequence(sequence: number): TimelineEntry[] {
    let n = 0;
    while (n < this.entries.length && this.entries[n].sequence < sequence) n++;
    return this.dropFirst(n);
  }

  private dropFirst(n: number): TimelineEntry[] {
    const removed = this.entries.splice(0, n);
    for (const e of removed) if (e.discontinuity) this.prunedDiscontinuities++;
    for (const v of [...this.versions.keys()]) {
      if (v !== this.track.version && !this.entries.some((e) => e.trackVersion === v)) this.versions.delete(v);
    }
    return removed;
  }
}
