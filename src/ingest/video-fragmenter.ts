import type { Fragment } from '../model/fragment.js';
import type { Frame, Sample } from '../model/sample.js';
import { rescale } from '../model/time.js';
import { CHANNEL_TIMESCALE, type SegmentClock } from './segment-clock.js';

interface OpenFragment {
  decodeTime: bigint;
  sequence: number;
  discontinuity: boolean;
  samples: Sample[];
}

export interface VideoFragmenterOptions {
  trackId: string;
  timescale: number;
  clock: SegmentClock;
  /** Receives every finished fragment, in order. */
  emit: (fragment: Fragment) => void;
  /** Told where each fragment starts (channel clock), so the audio of the same source can follow. */
  onCut?: (time: bigint, sequence: number) => void;
}

/**
 * Turns video frames into fragments that start on sync samples. A frame's duration is the
 * distance to the next frame's decode time, so a frame is held until its successor arrives.
 */
export class VideoFragmenter {
  private open?: OpenFragment;
  private held?: Frame;
  private lastDuration = 0;
  private lastSequence = -1;
  private version = 0;
  private pendingDiscontinuity = true;

  constructor(private readonly o: VideoFragmenterOptions) {}

  /** Frames whose decode time does not increase are dropped; returns false for them. */
  push(frame: Frame): boolean {
    if (this.held) {
      const duration = Number(frame.decodeTime - this.held.decodeTime);
      if (duration <= 0) return false;
      this.appendHeld(duration);
    }
    if (frame.sync) {
      const time = rescale(frame.decodeTime, this.o.timescale, CHANNEL_TIMESCALE);
      const openTime = this.open && rescale(this.open.decodeTime, this.o.timescale, CHANNEL_TIMESCALE);
      const { cut, sequence } = this.o.clock.decide(openTime, time, this.lastSequence);
      if (cut) this.startFragment(frame.decodeTime, sequence, time);
    }
    if (!this.open) return false;
    this.held = frame;
    return true;
  }

  /** A new codec configuration (a new init segment) starts with the next sync sample. */
  setVersion(version: number): void {
    if (version === this.version) return;
    this.flush();
    this.version = version;
    this.pendingDiscontinuity = true;
  }

  /** Emits what is open; the held frame gets the previous frame's duration. */
  flush(): void {
    if (this.held) this.appendHeld(this.lastDuration || 1);
    this.emitOpen();
    this.open = undefined;
  }

  get trackVersion(): number {
    return this.version;
  }

  private appendHeld(duration: number): void {
    const f = this.held!;
    this.held = undefined;
    this.lastDuration = duration;
    this.open?.samples.push({ duration, compositionOffset: f.compositionOffset, sync: f.sync, data: f.data });
  }

  private startFragment(decodeTime: bigint, sequence: number, channelTime: bigint): void {
    this.emitOpen();
    this.open = { decodeTime, sequence, discontinuity: this.pendingDiscontinuity, samples: [] };
    this.pendingDiscontinuity = false;
    this.lastSequence = sequence;
    this.o.onCut?.(channelTime, sequence);
  }

  private emitOpen(): void {
    const f = this.open;
    if (!f || f.samples.length === 0) return;
    this.o.emit({ trackId: this.o.trackId, trackVersion: this.version, ...f });
    this.open = undefined;
  }
}
