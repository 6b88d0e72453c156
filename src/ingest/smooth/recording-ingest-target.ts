import type { Fragment } from '../../model/fragment.js';
import type { Track } from '../../model/track.js';
import type { EncoderInfo, IngestTarget, Placement, TrackRequest } from '../ingest-target.js';
import { SegmentClock } from '../segment-clock.js';

/** An IngestTarget for tests: records what an adapter does, places every source at `offsetMs`. */
export class RecordingIngestTarget implements IngestTarget {
  readonly segmentClock: SegmentClock;
  readonly joins: { source: string; firstTimestampMs: number; encoder?: EncoderInfo }[] = [];
  readonly tracks = new Map<string, Track>();
  readonly requests: TrackRequest[] = [];
  readonly fragments: Fragment[] = [];
  readonly left: string[] = [];
  readonly encoderOf: (string | undefined)[] = [];

  constructor(
    private readonly offsetMs = 0,
    keyFrameIntervalMs = 2000,
  ) {
    this.segmentClock = new SegmentClock(keyFrameIntervalMs);
  }

  joinTimeline(source: string, firstTimestampMs: number, encoder?: EncoderInfo): Placement {
    this.joins.push({ source, firstTimestampMs, encoder });
    return { offsetMs: this.offsetMs, discontinuity: false, redundant: false, align: false };
  }

  alignToCut(): number {
    return 0;
  }

  declareTrack(request: TrackRequest): Track {
    this.requests.push(request);
    const id = `${request.type}_${request.source}`;
    const existing = this.tracks.get(id);
    if (existing) return existing;
    const track: Track = { id, version: 0, type: request.type, codec: request.codec, timescale: request.timescale, bitrate: request.bitrate, group: request.group ?? request.source };
    this.tracks.set(id, track);
    return track;
  }

  addFragment(fragment: Fragment, encoderId?: string): void {
    this.fragments.push(fragment);
    this.encoderOf.push(encoderId);
  }

  leave(source: string, encoderId?: string): void {
    this.left.push(`${source}/${encoderId}`);
  }

  of(trackId: string): Fragment[] {
    return this.fragments.filter((f) => f.trackId === trackId);
  }
}
