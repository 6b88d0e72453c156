import type { Logger } from 'pino';
import { writeInitSegment } from '../../formats/mp4/init-segment.js';
import { sameCodecConfig } from '../../model/codec.js';
import type { Presentation } from '../../model/presentation.js';
import type { TimelineEntry } from '../../model/timeline.js';
import type { Track } from '../../model/track.js';
import type { FragmentKey, FragmentStore } from '../../store/fragment-store.js';
import { buildPresentation } from '../presentation-builder.js';
import { TrackTimeline } from '../track-timeline.js';
import { baseLine, entryLine, pruneLine, readJournal } from './timeline-journal.js';
import { trackFromJson, trackToJson } from './track-json.js';
import { trackPlaylist } from './track-playlist.js';
import { windowStartSequence } from './window-start.js';

/** Where an asset's media comes from: fixed when it is first recorded. */
/** Ticks per second of the times an asset reports: filter times default to these 100 ns units. */
const HNS = 10_000_000n;

export interface AssetOrigin {
  channel: string;
  /** The channel's media time 0 (ms since the epoch); every recording of the asset shares it. */
  availabilityStartTime: number;
  targetSegmentMs: number;
}

/** `asset.json`: the asset's server manifest. */
interface AssetManifest extends AssetOrigin {
  format: 'tributary-asset/1';
  asset: string;
  /** Every version of every track, each with the codec configuration of its init segment. */
  tracks: unknown[];
}

export interface ArchiveStats {
  durationMs: number;
  sizeBytes: number;
  tracks: Track[];
  /** First fragment start and last fragment end on the media time line, in 100 ns units. */
  startTimestamp?: number;
  endTimestamp?: number;
}

/** What recovery found and repaired in one asset. */
export interface ArchiveRepair {
  asset: string;
  fragments: number;
  /** Journal entries whose fragment was missing or had the wrong size: dropped. */
  droppedEntries: number;
  /** Fragment files no journal entry names (a crash between the link and the journal line): deleted. */
  orphansRemoved: number;
  temporariesRemoved: number;
  tornJournals: number;
}

const MANIFEST = 'asset.json';
const JOURNAL = 'timeline.jsonl';
const PLAYLIST = 'index.m3u8';
/** `{"firstSequence":n}`: where the archive window starts, on every track (written before any track's prune line). */
const WINDOW = 'window.json';

/** The store namespace of an asset's media. */
export function assetNamespace(asset: string): string {
  return `asset-${asset}`;
}

/**
 * One asset's recorded media: its own index of fragments (per track, a TrackTimeline) over
 * files in its own store namespace, which are hard links to the fragments its channel ingested.
 * It outlives the channel and the process: every change is written before it is listed
 * (fragment link, then journal line), and `load` rebuilds the index after a crash, dropping
 * anything incomplete.
 *
 * A recording session appends: the first fragment after a gap is a discontinuity, fragment
 * sequence numbers are shifted past the ones already archived, and the archive window
 * (`windowMs`) prunes from the front while recording, every track at the same cut
 * (window-start.ts), so the live manifests list exactly what the asset holds and the on-demand
 * presentation after stop starts where the last live window did. Track versions are the asset's
 * own: a codec configuration seen before maps to the version already written.
 *
 * Changes to the index and the store run one at a time (`exclusive`): an append prunes every
 * track, and one track's prune line or compaction must not interleave with another's append.
 */
export class AssetArchive {
  private readonly timelines = new Map<string, TrackTimeline>();
  private readonly versionOf = new WeakMap<Track, number>();
  private manifest?: AssetManifest;
  private manifestWrite: Promise<void> = Promise.resolve();
  private changes: Promise<void> = Promise.resolve();
  private journalLines = new Map<string, number>();
  private version = 0;
  private recording?: { windowMs: number; firstSequence: number; sequenceOffset: number; startedTracks: Set<string> };
  private cached?: { version: number; live: boolean; presentation: Presentation };

  private constructor(
    readonly name: string,
    private readonly store: FragmentStore,
    private readonly log: Logger,
  ) {}

  get namespace(): string {
    return assetNamespace(this.name);
  }

  get origin(): AssetOrigin | undefined {
    return this.manifest && { channel: this.manifest.channel, availabilityStartTime: this.manifest.availabilityStartTime, targetSegmentMs: this.manifest.targetSegmentMs };
  }

  get isRecording(): boolean {
    return this.recording !== undefined;
  }

  /**
   * Reads an asset back from the store and repairs what a crash left: temporaries removed,
   * a torn last journal line ignored, entries whose fragment is missing or short dropped (the
   * next one becomes a discontinuity), fragment files no entry names deleted, journals rewritten.
   */
  static async load(name: string, store: FragmentStore, log: Logger): Promise<{ archive: AssetArchive; repair: ArchiveRepair }> {
    const archive = new AssetArchive(name, store, log);
    const ns = archive.namespace;
    const repair: ArchiveRepair = { asset: name, fragments: 0, droppedEntries: 0, orphansRemoved: 0, temporariesRemoved: 0, tornJournals: 0 };
    repair.temporariesRemoved = await store.removeTemporaries(ns);
    const text = await store.getDocument({ namespace: ns, name: MANIFEST });
    if (text === undefined) return { archive, repair };
    const manifest = JSON.parse(text) as AssetManifest;
    if (manifest.format !== 'tributary-asset/1') throw new Error(`asset ${name}: unknown manifest format ${String(manifest.format)}`);
    archive.manifest = manifest;
    for (const json of manifest.tracks) {
      const track = trackFromJson(json);
      const timeline = archive.timelines.get(track.id);
      if (!timeline) archive.timelines.set(track.id, new TrackTimeline(track));
      else if (track.version > timeline.track.version) timeline.addVersion(track);
      else timeline.versions.set(track.version, track);
    }
    const windowStart = await readWindowStart(store, ns);
    for (const timeline of archive.timelines.values()) {
      const { records, torn } = readJournal((await store.getDocument({ namespace: ns, trackId: timeline.id, name: JOURNAL })) ?? '');
      if (torn) repair.tornJournals++;
      const kept: TimelineEntry[] = [];
      let gap = false;
      const dropFront = (keep: (e: TimelineEntry) => boolean) => {
        while (kept.length > 0 && !keep(kept[0])) if (kept.shift()!.discontinuity) timeline.prunedDiscontinuities++;
      };
      for (const r of records) {
        if (r.kind === 'base') timeline.prunedDiscontinuities = r.prunedDiscontinuities;
        else if (r.kind === 'prune') dropFront((e) => e.decodeTime >= r.before);
        else kept.push(r.entry);
      }
      // A crash between the window record and this track's prune line: the window still holds.
      dropFront((e) => e.sequence >= windowStart);
      for (const e of kept) {
        const size = await store.fragmentSize({ namespace: ns, trackId: timeline.id, decodeTime: e.decodeTime });
        const end = timeline.end;
        if (size !== e.byteLength || !timeline.versions.has(e.trackVersion) || (end !== undefined && e.decodeTime < end)) {
          repair.droppedEntries++;
          gap = true;
          continue;
        }
        timeline.append(gap ? { ...e, discontinuity: true } : e);
        gap = false;
      }
      repair.fragments += timeline.entries.length;
      const listed = new Set(timeline.entries.map((e) => e.decodeTime));
      for (const t of await store.listFragments(ns, timeline.id)) {
        if (listed.has(t)) continue;
        await store.deleteFragment({ namespace: ns, trackId: timeline.id, decodeTime: t });
        repair.orphansRemoved++;
      }
      await archive.compact(timeline);
      await archive.writePlaylist(timeline);
    }
    if (repair.droppedEntries + repair.orphansRemoved + repair.temporariesRemoved + repair.tornJournals > 0) log.warn({ repair }, 'asset repaired after an unclean stop');
    return { archive, repair };
  }

  /**
   * Starts a recording session from the channel's cut `firstSequence` on: the first one none of
   * whose fragments the channel has committed yet, so every track starts at the same cut.
   * Appended to an asset that holds media, the session's fragments are numbered on from the last
   * one archived, without a gap: an HLS client numbers segments by their position after
   * EXT-X-MEDIA-SEQUENCE (RFC 8216 §6.2.1), so a gap would renumber every segment after it once
   * the window slid past it. Refused when the asset was recorded from a different channel
   * time line (another channel, or one deleted and created again): its media times would not
   * continue the asset's.
   */
  startRecording(origin: AssetOrigin, windowMs: number, firstSequence = 0): void {
    if (this.manifest && (this.manifest.channel !== origin.channel || this.manifest.availabilityStartTime !== origin.availabilityStartTime)) {
      throw new Error(`asset "${this.name}" holds a recording of another channel time line (${this.manifest.channel}); record into a new asset`);
    }
    this.manifest ??= { format: 'tributary-asset/1', asset: this.name, ...origin, tracks: [] };
    const last = this.lastSequence();
    this.recording = { windowMs, firstSequence, sequenceOffset: last < 0 ? 0 : last + 1 - firstSequence, startedTracks: new Set() };
    this.version++;
  }

  /** Ends the session: the asset is on demand (ENDLIST, static MPD, IsLive FALSE). */
  async stopRecording(): Promise<void> {
    if (!this.recording) return;
    this.recording = undefined;
    this.version++;
    await this.exclusive(async () => {
      for (const timeline of this.timelines.values()) await this.writePlaylist(timeline);
    });
  }

  /**
   * Archives one fragment the channel has committed (`from`). Resolves once it is linked,
   * journaled and listed; rejects on a store error, leaving the archive as it was listed.
   */
  append(track: Track, entry: TimelineEntry, from: FragmentKey): Promise<void> {
    return this.exclusive(() => this.appendNow(track, entry, from));
  }

  private async appendNow(track: Track, entry: TimelineEntry, from: FragmentKey): Promise<void> {
    const rec = this.recording;
    if (!rec || !this.manifest) return;
    const timeline = this.timelines.get(track.id);
    const end = timeline?.end;
    if (end !== undefined && entry.decodeTime < end) {
      this.log.warn({ asset: this.name, track: track.id, decodeTime: entry.decodeTime.toString(), end: end.toString() }, 'fragment before the end of the archive dropped');
      return;
    }
    // A fragment of a cut the channel began before the session (its other tracks' fragments
    // were committed before the program started): this track joins at the session's first cut.
    if (entry.sequence < rec.firstSequence) return;
    const firstOfSession = !rec.startedTracks.has(track.id);
    const trackVersion = await this.assetVersion(track);
    const archived: TimelineEntry = {
      ...entry,
      sequence: entry.sequence + rec.sequenceOffset,
      trackVersion,
      discontinuity: entry.discontinuity || (firstOfSession && end !== undefined && entry.decodeTime !== end),
    };
    const to = { namespace: this.namespace, trackId: track.id, decodeTime: entry.decodeTime };
    await this.store.linkFragment(from, to);
    await this.store.appendDocument({ namespace: this.namespace, trackId: track.id, name: JOURNAL }, entryLine(archived));
    const t = this.timelines.get(track.id)!;
    t.append(archived);
    rec.startedTracks.add(track.id);
    this.journalLines.set(track.id, (this.journalLines.get(track.id) ?? 0) + 1);
    this.version++;
    await this.prune(rec.windowMs);
  }

  /**
   * Live while recording, on demand after; either way exactly what the archive holds, which
   * the window already bounds (`prune`). Cached until the archive changes.
   */
  presentation(now: number): Presentation | undefined {
    if (!this.manifest) return undefined;
    const live = this.recording !== undefined;
    if (this.cached && this.cached.version === this.version && this.cached.live === live) return this.cached.presentation;
    const listed = buildPresentation(
      { availabilityStartTime: this.manifest.availabilityStartTime, targetSegmentMs: this.manifest.targetSegmentMs, version: this.version, snapshotTime: now, timelines: this.timelines.values() },
      { ended: !live },
    );
    // The DVR window (DASH timeShiftBufferDepth, Smooth DVRWindowLength) is declared, not cut again.
    const presentation = live ? { ...listed, dvrWindowMs: this.recording!.windowMs } : listed;
    this.cached = { version: this.version, live, presentation };
    return presentation;
  }

  stats(): ArchiveStats {
    let start: bigint | undefined;
    let end = 0n;
    let sizeBytes = 0;
    for (const t of this.timelines.values()) {
      if (t.entries.length === 0) continue;
      const first = (t.entries[0].decodeTime * HNS) / BigInt(t.track.timescale);
      start = start === undefined || first < start ? first : start;
      const last = (t.end! * HNS) / BigInt(t.track.timescale);
      end = last > end ? last : end;
      for (const e of t.entries) sizeBytes += e.byteLength;
    }
    const tracks = [...this.timelines.values()].map((t) => t.track);
    if (start === undefined) return { durationMs: 0, sizeBytes, tracks };
    const durationMs = end > start ? Number((end - start) / 10_000n) : 0;
    return { durationMs, sizeBytes, tracks, startTimestamp: Number(start), endTimestamp: Number(end) };
  }

  /** Removes the asset's media, manifest and journals. */
  async delete(): Promise<void> {
    this.recording = undefined;
    this.timelines.clear();
    this.manifest = undefined;
    this.version++;
    await this.store.deleteNamespace(this.namespace);
  }

  private lastSequence(): number {
    let last = -1;
    for (const t of this.timelines.values()) {
      const e = t.entries[t.entries.length - 1];
      if (e) last = Math.max(last, e.sequence);
    }
    return last;
  }

  /**
   * The asset's version number for a channel track version: the latest one when the codec
   * configuration is the same, else a new one, whose init segment and manifest entry are
   * written before any fragment names it.
   */
  private async assetVersion(track: Track): Promise<number> {
    const known = this.versionOf.get(track);
    if (known !== undefined) return known;
    let timeline = this.timelines.get(track.id);
    const latest = timeline?.track;
    let version: number;
    if (latest && sameCodecConfig(latest.codec, track.codec) && latest.timescale === track.timescale) {
      version = latest.version;
    } else {
      version = latest ? latest.version + 1 : 0;
      const archived: Track = { ...track, version, bitrate: latest?.bitrate ?? track.bitrate };
      await this.store.putInit({ namespace: this.namespace, trackId: track.id, version }, writeInitSegment(archived));
      if (!timeline) {
        timeline = new TrackTimeline(archived);
        this.timelines.set(track.id, timeline);
      } else timeline.addVersion(archived);
      await this.writeManifest();
    }
    this.versionOf.set(track, version);
    return version;
  }

  private async writeManifest(): Promise<void> {
    // Tracks declare concurrently; each write carries every version declared so far.
    const write = this.manifestWrite.then(async () => {
      if (!this.manifest) return;
      this.manifest.tracks = [...this.timelines.values()].flatMap((t) => [...t.versions.values()].map(trackToJson));
      await this.store.putDocument({ namespace: this.namespace, name: MANIFEST }, `${JSON.stringify(this.manifest, null, 2)}\n`);
    });
    this.manifestWrite = write.catch(() => {});
    await write;
  }

  /** Runs one change of the index and the store after the ones under way. */
  private exclusive<T>(change: () => Promise<T>): Promise<T> {
    const run = this.changes.then(change);
    this.changes = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /**
   * Drops, on every track, what left the archive window: unlisted first, then the journal line,
   * then the files (a crash between leaves orphans, removed at load).
   */
  private async prune(windowMs: number): Promise<void> {
    const first = windowStartSequence(this.timelines.values(), windowMs);
    if (first === undefined) return;
    const pruned = [...this.timelines.values()].map((timeline) => ({ timeline, removed: timeline.pruneBeforeSequence(first) })).filter((p) => p.removed.length > 0);
    if (pruned.length === 0) return;
    this.version++;
    // The window's start for every track in one atomic write, so that a crash among the tracks'
    // prune lines cannot leave their starts a cut apart (load applies it to every journal).
    await this.store.putDocument({ namespace: this.namespace, name: WINDOW }, `${JSON.stringify({ firstSequence: first })}\n`);
    for (const { timeline, removed } of pruned) {
      const last = removed[removed.length - 1];
      // Entries before the first one kept, or all of them when a track stopped delivering.
      const before = timeline.entries[0]?.decodeTime ?? last.decodeTime + BigInt(last.duration);
      await this.store.appendDocument({ namespace: this.namespace, trackId: timeline.id, name: JOURNAL }, pruneLine(before));
      for (const e of removed) await this.store.deleteFragment({ namespace: this.namespace, trackId: timeline.id, decodeTime: e.decodeTime });
      const lines = (this.journalLines.get(timeline.id) ?? 0) + 1;
      this.journalLines.set(timeline.id, lines);
      // Keep the journal proportional to the window, not to the event.
      if (lines > 2 * timeline.entries.length + 64) await this.compact(timeline);
    }
  }

  /** Rewrites a track's journal as exactly what is listed (an atomic replace). */
  private async compact(timeline: TrackTimeline): Promise<void> {
    const text = baseLine(timeline.prunedDiscontinuities) + timeline.entries.map(entryLine).join('');
    await this.store.putDocument({ namespace: this.namespace, trackId: timeline.id, name: JOURNAL }, text);
    this.journalLines.set(timeline.id, timeline.entries.length + 1);
  }

  private async writePlaylist(timeline: TrackTimeline): Promise<void> {
    await this.store.putDocument({ namespace: this.namespace, trackId: timeline.id, name: PLAYLIST }, trackPlaylist(timeline.entries, timeline.track.timescale, timeline.prunedDiscontinuities));
  }
}

/** The archive window's first sequence as last recorded (0 when the window never slid). */
async function readWindowStart(store: FragmentStore, namespace: string): Promise<number> {
  const text = await store.getDocument({ namespace, name: WINDOW });
  if (text === undefined) return 0;
  const first = (JSON.parse(text) as { firstSequence?: unknown }).firstSequence;
  if (!Number.isSafeInteger(first) || (first as number) < 0) throw new Error(`${namespace}/${WINDOW}: firstSequence ${String(first)} is not a sequence number`);
  return first as number;
}
