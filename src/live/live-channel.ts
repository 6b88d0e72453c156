import { TributaryError } from '../util/errors.js';
import type { Logger } from 'pino';
import { writeFragment } from '../formats/mp4/fragment-writer.js';
import { writeInitSegment } from '../formats/mp4/init-segment.js';
import type { EncoderInfo, IngestTarget, Placement, TrackRequest } from '../ingest/ingest-target.js';
import { SegmentClock } from '../ingest/segment-clock.js';
import { sameCodecConfig } from '../model/codec.js';
import { fragmentDuration, type Fragment } from '../model/fragment.js';
import type { Presentation } from '../model/presentation.js';
import type { Clock } from '../model/time.js';
import type { Track } from '../model/track.js';
import type { TimelineEntry } from '../model/timeline.js';
import type { FragmentKey, FragmentStore } from '../store/fragment-store.js';
import { buildPresentation, type PresentationWindow } from './presentation-builder.js';
import { SourceTimelines } from './source-timelines.js';
import { fitFragment } from './fit-fragment.js';
import { TrackTimeline } from './track-timeline.js';
import { LatencyStats } from './latency-stats.js';

export interface LiveChannelOptions {
  name: string;
  /** Store namespace for this channel's live fragments. */
  namespace: string;
  store: FragmentStore;
  clock: Clock;
  log: Logger;
  /** Target fragment duration: the channel's key frame interval. */
  keyFrameIntervalMs: number;
  /** How much of the live timeline is kept (programs keep their own archives). */
  retentionMs?: number;
  /**
   * The channel's media time 0, in ms since the epoch, when it is fixed ahead (the server uses
   * the channel's creation time, so media time continues across restarts and resets and an
   * asset can append to what it recorded before). Absent: the instant the first encoder's
   * timestamp 0 stands for.
   */
  availabilityStartTime?: number;
  /** Tracks one channel may hold (renditions × audio, all encoders): a new one past it is refused. */
  maxTracks?: number;
}

export const DEFAULT_MAX_TRACKS_PER_CHANNEL = 64;

/**
 * Told of every fragment once it is stored and listed, in order per track; the channel waits
 * for the returned promise before it prunes, so the fragment's bytes are still there.
 */
export interface CommittedFragmentListener {
  onFragment(track: Track, entry: TimelineEntry, key: FragmentKey): Promise<void>;
  /** A fragment could not be stored (disk full, I/O error): it is missing from the timeline. */
  onStoreError(err: unknown, trackId: string): void;
}

const DEFAULT_RETENTION_MS = 10 * 60 * 1000;

/**
 * One running channel's live timeline: the IngestTarget its encoders publish into, the index of
 * stored fragments per track, and immutable Presentation snapshots for the packagers.
 */
export class LiveChannel implements IngestTarget {
  readonly segmentClock: SegmentClock;
  private readonly timelines = new Map<string, TrackTimeline>();
  private readonly sources: SourceTimelines;
  private readonly writeChains = new Map<string, Promise<void>>();
  private readonly initsWritten = new Set<string>();
  private readonly listingDelay = new LatencyStats(256);
  private availabilityStartTime?: number;
  private version = 0;
  private readonly retentionMs: number;
  private readonly listeners = new Set<CommittedFragmentListener>();
  private cached?: { key: string; version: number; presentation: Presentation };
  private closed = false;

  constructor(private readonly o: LiveChannelOptions) {
    this.segmentClock = new SegmentClock(o.keyFrameIntervalMs);
    this.sources = new SourceTimelines();
    this.retentionMs = o.retentionMs ?? DEFAULT_RETENTION_MS;
    this.availabilityStartTime = o.availabilityStartTime;
  }

  get name(): string {
    return this.o.name;
  }

  /** The channel's media time 0 (ms since the epoch), once known. */
  get mediaEpoch(): number | undefined {
    return this.availabilityStartTime;
  }

  get targetSegmentMs(): number {
    return this.o.keyFrameIntervalMs;
  }

  /**
   * The sequence number of the first cut none of whose fragments is committed yet: a listener
   * subscribed in the same turn hears every fragment of that cut and of every later one.
   */
  get nextSequence(): number {
    let next = 0;
    for (const t of this.timelines.values()) {
      const last = t.entries[t.entries.length - 1];
      if (last) next = Math.max(next, last.sequence + 1);
    }
    return next;
  }

  /** Registers a listener for committed fragments; returns the unsubscribe function. */
  subscribe(listener: CommittedFragmentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  joinTimeline(source: string, firstTimestampMs: number, encoder?: EncoderInfo): Placement {
    const now = this.o.clock.now();
    if (this.availabilityStartTime === undefined) {
      // Media time 0 is the wall-clock instant the first encoder's timestamp 0 stands for.
      this.availabilityStartTime = now - firstTimestampMs;
    }
    const info = encoder ?? { id: source, role: 'primary', remoteAddress: '', protocol: 'rtmp' };
    const nowMediaMs = now - this.availabilityStartTime;
    const placed = this.sources.join({ source, encoder: info, firstTimestampMs, nowMediaMs, endMediaMs: this.endMs(), now });
    this.o.log.info({ source, encoder: info.id, role: info.role, ...placed }, 'encoder joined the timeline');
    return placed;
  }

  alignToCut(encoderId: string, keyFrameMs: number): number {
    // A quarter of a segment covers the arrival jitter of a live-edge placement; a key frame
    // further from every cut belongs to an encoder whose GOPs are not locked to the others'.
    const within = BigInt(Math.round((this.o.keyFrameIntervalMs * 90) / 4));
    const cut = this.segmentClock.nearestCut(BigInt(keyFrameMs) * 90n, within);
    const correctionMs = cut === undefined ? undefined : Math.round(Number(cut) / 90) - keyFrameMs;
    // No cut yet at all: there is nothing to disagree with; this encoder's cuts will be the channel's.
    const aligned = correctionMs ?? (this.segmentClock.hasCuts() ? undefined : 0);
    this.sources.aligned(encoderId, aligned);
    this.o.log.info({ encoder: encoderId, correctionMs: aligned ?? null }, aligned === undefined ? 'encoder does not line up with the channel\'s cuts' : 'encoder aligned');
    return aligned ?? 0;
  }

  declareTrack(request: TrackRequest): Track {
    const id = `${request.type}_${safeName(request.source)}`;
    const existing = this.timelines.get(id);
    if (existing && sameCodecConfig(existing.track.codec, request.codec) && existing.track.timescale === request.timescale) {
      return existing.track;
    }
    const maxTracks = this.o.maxTracks ?? DEFAULT_MAX_TRACKS_PER_CHANNEL;
    if (!existing && this.timelines.size >= maxTracks) {
      // Every track costs memory, a manifest entry and files: an encoder cannot add without end.
      throw new TributaryError('ERR_INGEST_LIMIT', `channel ${this.o.name} already has ${maxTracks} tracks; ${id} is refused`);
    }
    const track: Track = {
      id,
      version: existing ? existing.track.version + 1 : 0,
      type: request.type,
      codec: request.codec,
      timescale: request.timescale,
      // The bit rate names the track in playback URLs (QualityLevels), so it never changes.
      bitrate: existing ? existing.track.bitrate : request.bitrate,
      group: request.group ?? request.source,
      ...(request.language ? { language: request.language } : {}),
    };
    if (existing) existing.addVersion(track);
    else this.timelines.set(id, new TrackTimeline(track));
    this.o.log.info({ track: id, version: track.version, codec: track.codec.kind }, 'track declared');
    return track;
  }

  addFragment(fragment: Fragment, encoderId: string = fragment.trackId): void {
    const timeline = this.timelines.get(fragment.trackId);
    if (!timeline || this.closed) return;
    timeline.fragmentsReceived++;
    if (!this.sources.mayPublish(encoderId)) {
      timeline.standbyDropped++;
      return;
    }
    const receivedAt = this.o.clock.now();
    // Per track, fragments are placed and stored one after the other, in arrival order.
    const chain = (this.writeChains.get(fragment.trackId) ?? Promise.resolve()).then(() => this.store(timeline, fragment, receivedAt, encoderId));
    this.writeChains.set(
      fragment.trackId,
      chain.catch((err: unknown) => {
        this.o.log.error({ err, track: fragment.trackId }, 'storing a fragment failed; it is not listed');
        for (const l of this.listeners) l.onStoreError(err, fragment.trackId);
      }),
    );
  }

  private async store(timeline: TrackTimeline, incoming: Fragment, receivedAt: number, encoderId: string): Promise<void> {
    if (this.closed) return;
    const last = timeline.entries[timeline.entries.length - 1];
    const track = timeline.versions.get(incoming.trackVersion) ?? timeline.track;
    const fit = fitFragment(incoming, { end: timeline.end, lastVersion: last?.trackVersion, type: track.type, timescale: track.timescale });
    if (fit.kind === 'duplicate') {
      timeline.duplicatesDropped++;
      this.sources.countDuplicate(encoderId);
      return;
    }
    const fragment = fit.fragment;
    const duration = fragmentDuration(fragment.samples);
    const bytes = writeFragment({ sequenceNumber: fragment.sequence + 1, decodeTime: fragment.decodeTime, samples: fragment.samples, trackType: track.type });
    if (timeline.track.bitrate === 0 && duration > 0) {
      // No declared bit rate: measure the first fragment, rounded to whole kbit/s.
      const bps = (bytes.length * 8 * track.timescale) / duration;
      timeline.track = { ...timeline.track, bitrate: Math.max(1000, Math.round(bps / 1000) * 1000) };
      timeline.versions.set(timeline.track.version, timeline.track);
    }
    await this.ensureInit(timeline.id, fragment.trackVersion, timeline);
    const key = { namespace: this.o.namespace, trackId: timeline.id, decodeTime: fragment.decodeTime };
    await this.o.store.putFragment(key, bytes);
    if (this.closed) return;
    const entry: TimelineEntry = {
      decodeTime: fragment.decodeTime,
      duration,
      sequence: fragment.sequence,
      trackVersion: fragment.trackVersion,
      discontinuity: fit.discontinuity,
      byteLength: bytes.length,
    };
    timeline.append(entry);
    this.sources.advance(encoderId, Number((timeline.end! * 1000n) / BigInt(track.timescale)));
    this.version++;
    this.listingDelay.add(this.o.clock.now() - receivedAt);
    const committed = timeline.versions.get(entry.trackVersion) ?? timeline.track;
    await Promise.all([...this.listeners].map((l) => l.onFragment(committed, entry, key)));
    await this.prune(timeline);
  }

  leave(source: string, encoderId: string = source): void {
    this.sources.leave(encoderId);
    this.version++;
  }

  /** A snapshot for the packagers, cached until the timeline changes. */
  presentation(window: PresentationWindow): Presentation {
    const key = `${window.fromMs}|${window.toMs}|${window.dvrWindowMs}|${window.ended}`;
    if (this.cached && this.cached.key === key && this.cached.version === this.version) return this.cached.presentation;
    const presentation = buildPresentation(
      {
        availabilityStartTime: this.availabilityStartTime ?? this.o.clock.now(),
        targetSegmentMs: this.o.keyFrameIntervalMs,
        version: this.version,
        snapshotTime: this.o.clock.now(),
        timelines: this.timelines.values(),
      },
      window,
    );
    this.cached = { key, version: this.version, presentation };
    return presentation;
  }

  /** Current media time in ms (the live edge by the wall clock), or undefined before any input. */
  nowMediaMs(): number | undefined {
    return this.availabilityStartTime === undefined ? undefined : this.o.clock.now() - this.availabilityStartTime;
  }

  /** Ingest health for the API. */
  status(): Record<string, unknown> {
    return {
      availabilityStartTime: this.availabilityStartTime === undefined ? null : new Date(this.availabilityStartTime).toISOString(),
      encoders: this.sources.describe(),
      tracks: [...this.timelines.values()].map((t) => ({
        id: t.id,
        type: t.track.type,
        version: t.track.version,
        bitrate: t.track.bitrate,
        fragmentsReceived: t.fragmentsReceived,
        duplicatesDropped: t.duplicatesDropped,
        standbyDropped: t.standbyDropped,
        measuredBitrate: t.measuredBitrate(),
        fragmentsListed: t.entries.length,
        lastDecodeTime: t.end === undefined ? null : String(t.end),
        timescale: t.track.timescale,
        discontinuities: t.prunedDiscontinuities + t.entries.filter((e) => e.discontinuity).length,
      })),
      listingDelayMs: this.listingDelay.summary(),
    };
  }

  /** Waits for every fragment handed in so far to be stored and listed (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all(this.writeChains.values());
  }

  /** Stops listing new fragments; with `deleteMedia` (reset, delete) the stored media goes too. */
  async close(deleteMedia: boolean): Promise<void> {
    await this.drain();
    this.closed = true;
    if (deleteMedia) await this.o.store.deleteNamespace(this.o.namespace);
  }

  private async ensureInit(trackId: string, version: number, timeline: TrackTimeline): Promise<void> {
    const id = `${trackId}/${version}`;
    if (this.initsWritten.has(id)) return;
    const track = timeline.versions.get(version);
    if (!track) throw new Error(`no version ${version} of ${trackId}`);
    await this.o.store.putInit({ namespace: this.o.namespace, trackId, version }, writeInitSegment(track));
    this.initsWritten.add(id);
  }

  private endMs(): number {
    let end = 0;
    for (const t of this.timelines.values()) {
      if (t.end !== undefined) end = Math.max(end, Number((t.end * 1000n) / BigInt(t.track.timescale)));
    }
    return end;
  }

  private async prune(timeline: TrackTimeline): Promise<void> {
    const end = timeline.end!;
    const before = end - (BigInt(this.retentionMs) * BigInt(timeline.track.timescale)) / 1000n;
    const removed = timeline.pruneBefore(before);
    for (const e of removed) {
      await this.o.store.deleteFragment({ namespace: this.o.namespace, trackId: timeline.id, decodeTime: e.decodeTime });
    }
  }
}

function safeName(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 48);
  return cleaned === '' ? 'stream' : cleaned;
}
