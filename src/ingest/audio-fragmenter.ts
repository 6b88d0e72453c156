import type { Fragment } from '../model/fragment.js';
import type { Frame, Sample } from '../model/sample.js';
import { rescale } from '../model/time.js';
import { CHANNEL_TIMESCALE, type SegmentClock } from './segment-clock.js';

export interface AudioFragmenterOptions {
  trackId: string;
  timescale: number;
  /** Samples per frame (1024 for AAC): every frame's duration, from the sample count. */
  frameDuration: number;
  clock: SegmentClock;
  emit: (fragment: Fragment) => void;
}

interface TimedSample extends Sample {
  decodeTime: bigint;
  channelTime: bigint;
}

/**
 * Audio fragments follow the cuts of the video that came with them (`followCut`), so an audio
 * fragment covers the same span as its video fragment and carries the same sequence number;
 * the MPEG-TS packager muxes the pair into one segment. Without video (`leadAlone`), audio cuts
 * itself at the target duration.
 *
 * Audio and video arrive only loosely interleaved, so samples are held until the cut that ends
 * their fragment is known: a cut announced late splits what is held at the cut's instant, and a
 * cut announced early waits until audio reaches it.
 */
export class AudioFragmenter {
  private held: TimedSample[] = [];
  private openSequence?: number;
  private openDiscontinuity = true;
  private pendingDiscontinuity = true;
  private readonly cuts: { time: bigint; sequence: number }[] = [];
  private alone = false;
  private lastSequence = -1;
  private version = 0;
  private readonly halfFrame: bigint;

  constructor(private readonly o: AudioFragmenterOptions) {
    this.halfFrame = rescale(BigInt(o.frameDuration), o.timescale, CHANNEL_TIMESCALE) / 2n;
  }

  /** No video in this source: cut on the target duration alone. */
  leadAlone(): void {
    this.alone = true;
  }

  get following(): boolean {
    return !this.alone;
  }

  /** The video of this source starts a fragment at channel time `time`. */
  followCut(time: bigint, sequence: number): void {
    if (this.alone) return;
    this.cuts.push({ time, sequence });
    this.applyCuts();
  }

  push(frame: Frame): void {
    const channelTime = rescale(frame.decodeTime, this.o.timescale, CHANNEL_TIMESCALE);
    const last = this.held[this.held.length - 1];
    if (last && frame.decodeTime <= last.decodeTime) return;
    if (this.alone) {
      const openTime = this.held[0]?.channelTime;
      const { cut, sequence } = this.o.clock.decide(openTime, channelTime, this.lastSequence, this.halfFrame);
      if (cut) this.cutAt(channelTime, sequence);
    }
    this.held.push({ duration: this.o.frameDuration, compositionOffset: 0, sync: true, data: frame.data, decodeTime: frame.decodeTime, channelTime });
    this.applyCuts();
  }

  setVersion(version: number): void {
    if (version === this.version) return;
    this.flush();
    this.version = version;
    this.pendingDiscontinuity = true;
  }

  /** Emits what is held as the open fragment (end of stream or a break). */
  flush(): void {
    this.emit(this.held);
    this.held = [];
    this.openSequence = undefined;
  }

  private applyCuts(): void {
    while (this.cuts.length > 0) {
      const cut = this.cuts[0];
      const last = this.held[this.held.length - 1];
      // Wait until audio has reached the cut, so no sample before it can still arrive.
      if (!last || last.channelTime + this.halfFrame < cut.time) return;
      this.cuts.shift();
      this.cutAt(cut.time, cut.sequence);
    }
  }

  private cutAt(time: bigint, sequence: number): void {
    const split = this.held.findIndex((s) => s.channelTime + this.halfFrame >= time);
    const before = split < 0 ? this.held : this.held.slice(0, split);
    const after = split < 0 ? [] : this.held.slice(split);
    // Audio before the first cut has no video to go with: it is dropped.
    if (this.openSequence !== undefined) this.emit(before);
    this.held = after;
    this.openSequence = Math.max(sequence, this.lastSequence + 1);
    this.lastSequence = this.openSequence;
    this.openDiscontinuity = this.pendingDiscontinuity;
    this.pendingDiscontinuity = false;
  }

  private emit(samples: TimedSample[]): void {
    if (samples.length === 0 || this.openSequence === undefined) return;
    this.o.emit({
      trackId: this.o.trackId,
      trackVersion: this.version,
      sequence: this.openSequence,
      decodeTime: samples[0].decodeTime,
      discontinuity: this.openDiscontinuity,
      samples: samples.map(({ duration, compositionOffset, sync, data }) => ({ duration, compositionOffset, sync, data })),
    });
  }
}
