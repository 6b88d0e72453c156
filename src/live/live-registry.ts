import type { Logger } from 'pino';
import type { Presentation } from '../model/presentation.js';
import type { Clock } from '../model/time.js';
import type { FragmentStore } from '../store/fragment-store.js';
import { TributaryError } from '../util/errors.js';
import type { AssetArchive } from './archive/asset-archive.js';
import { AssetLibrary } from './archive/asset-library.js';
import { ProgramRecorder } from './archive/program-recorder.js';
import { LiveChannel } from './live-channel.js';

interface Recording {
  asset: string;
  windowMs: number;
  recorder: ProgramRecorder;
}

interface RunningChannel {
  live: LiveChannel;
  programs: Map<string, Recording>;
  /** Closes the encoders publishing into this channel. */
  disconnects: Set<(reason: string) => void>;
}

/** What the catalog hears about recordings (wired by the server). */
export interface RecordingEvents {
  /** An asset grew (at most every few seconds per asset). */
  progress?(archive: AssetArchive): void;
  /** A program stopped recording on its own: a store error. */
  failed?(channel: string, program: string, err: Error): void;
}

export interface LiveRegistryOptions {
  store: FragmentStore;
  clock: Clock;
  log: Logger;
  library?: AssetLibrary;
  events?: RecordingEvents;
  /** Tracks per channel (limits.channel.maxTracks). */
  maxTracksPerChannel?: number;
}

/** How long the preview lets viewers seek back. */
const PREVIEW_WINDOW_MS = 60_000;
const PROGRESS_EVERY_MS = 2_000;

/**
 * The running channels of this process and the programs recording them: which live timeline a
 * publish goes into, which asset each running program archives into, and what a locator or a
 * preview plays.
 */
export class LiveRegistry {
  readonly library: AssetLibrary;
  private readonly channels = new Map<string, RunningChannel>();
  private readonly lastProgress = new Map<string, number>();

  constructor(private readonly o: LiveRegistryOptions) {
    this.library = o.library ?? new AssetLibrary(o.store, o.log.child({ component: 'archive' }));
  }

  /**
   * Starts a channel's live timeline. Whatever an earlier run left under its namespace (a
   * crash, a stop during shutdown) is removed first: a new timeline starts empty. Its media
   * time 0 is `availabilityStartTime` (the server passes the channel's creation time, so that
   * media time continues across restarts), or now.
   */
  async startChannel(name: string, keyFrameIntervalMs: number, availabilityStartTime?: number): Promise<void> {
    if (this.channels.has(name)) return;
    await this.o.store.deleteNamespace(namespaceOf(name));
    if (this.channels.has(name)) return;
    const live = new LiveChannel({
      name,
      namespace: namespaceOf(name),
      store: this.o.store,
      clock: this.o.clock,
      log: this.o.log.child({ channel: name }),
      keyFrameIntervalMs,
      availabilityStartTime: availabilityStartTime ?? this.o.clock.now(),
      maxTracks: this.o.maxTracksPerChannel,
    });
    this.channels.set(name, { live, programs: new Map(), disconnects: new Set() });
  }

  isRunning(name: string): boolean {
    return this.channels.has(name);
  }

  channel(name: string): LiveChannel | undefined {
    return this.channels.get(name)?.live;
  }

  /** Registers an encoder's disconnect function; returns the unregister function. */
  attachEncoder(name: string, disconnect: (reason: string) => void): () => void {
    const ch = this.channels.get(name);
    if (!ch) return () => {};
    ch.disconnects.add(disconnect);
    return () => ch.disconnects.delete(disconnect);
  }

  /**
   * Drops the encoders and the live timeline. Running programs' recorders are detached, their
   * assets keep what they archived. `deleteMedia` false keeps the live fragments too (server
   * shutdown: in-flight fragments are written and archived, nothing is thrown away).
   */
  async stopChannel(name: string, deleteMedia: boolean): Promise<void> {
    const ch = this.channels.get(name);
    if (!ch) return;
    this.channels.delete(name);
    for (const d of ch.disconnects) d('channel stopped');
    await ch.live.drain();
    await Promise.all([...ch.programs.values()].map((r) => r.recorder.detach()));
    await ch.live.close(deleteMedia);
  }

  /**
   * Drops the encoders and the live timeline and starts an empty one; programs that were
   * running go on recording into their assets from the new timeline (CONTRACT §2 reset).
   */
  async resetChannel(name: string, keyFrameIntervalMs: number, availabilityStartTime?: number): Promise<void> {
    const running = [...(this.channels.get(name)?.programs ?? new Map<string, Recording>())];
    const epoch = this.channels.get(name)?.live.mediaEpoch ?? availabilityStartTime;
    await this.stopChannel(name, true);
    await this.startChannel(name, keyFrameIntervalMs, epoch);
    for (const [program, r] of running) await this.startProgram(name, program, r.asset, r.windowMs);
  }

  /**
   * Starts archiving the channel into `asset` with an archive window of `windowMs`. An asset
   * that already holds media is appended to (a discontinuity marks the gap).
   */
  async startProgram(channel: string, program: string, asset: string, windowMs: number): Promise<void> {
    const ch = this.channels.get(channel);
    if (!ch) throw new TributaryError('ERR_CHANNEL_STATE', `channel ${channel} is not running`);
    if (ch.programs.has(program)) return;
    const archive = await this.library.open(asset);
    // From here to attach() nothing awaits: the recorder hears every cut from nextSequence on.
    try {
      archive.startRecording({ channel, availabilityStartTime: ch.live.mediaEpoch!, targetSegmentMs: ch.live.targetSegmentMs }, windowMs, ch.live.nextSequence);
    } catch (err) {
      throw new TributaryError('ERR_ASSET_STATE', (err as Error).message, { asset });
    }
    const recorder = new ProgramRecorder({
      live: ch.live,
      archive,
      log: this.o.log.child({ channel, program }),
      onProgress: (a) => this.progress(a),
      onFailed: (err) => void this.recordingFailed(channel, program, err),
    });
    ch.programs.set(program, { asset, windowMs, recorder });
    recorder.attach();
  }

  /** Stops archiving: what the asset holds plays on demand from now on. */
  async stopProgram(channel: string, program: string): Promise<void> {
    const ch = this.channels.get(channel);
    const r = ch?.programs.get(program);
    if (!ch || !r) return;
    ch.programs.delete(program);
    await r.recorder.detach();
    await r.recorder.archive.stopRecording();
    this.o.events?.progress?.(r.recorder.archive);
  }

  /** Deletes an asset's media (the catalog refuses while it is being recorded). */
  async deleteAsset(asset: string): Promise<void> {
    await this.library.delete(asset);
  }

  /** What an asset's locators play: live with its program's DVR window, or on demand. */
  assetPresentation(asset: string): Presentation | undefined {
    return this.library.get(asset)?.presentation(this.o.clock.now());
  }

  /** The channel's preview: its live input, whether or not a program runs. */
  previewPresentation(channel: string): Presentation | undefined {
    const live = this.channels.get(channel)?.live;
    return live?.presentation({ dvrWindowMs: PREVIEW_WINDOW_MS, ended: false });
  }

  /** Server shutdown: encoders closed, fragments in flight stored and archived. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((n) => this.stopChannel(n, false)));
  }

  private progress(archive: AssetArchive): void {
    const now = this.o.clock.now();
    if (now - (this.lastProgress.get(archive.name) ?? 0) < PROGRESS_EVERY_MS) return;
    this.lastProgress.set(archive.name, now);
    this.o.events?.progress?.(archive);
  }

  private async recordingFailed(channel: string, program: string, err: Error): Promise<void> {
    const r = this.channels.get(channel)?.programs.get(program);
    if (r) {
      this.channels.get(channel)!.programs.delete(program);
      await r.recorder.archive.stopRecording().catch((e: unknown) => this.o.log.warn({ err: e, asset: r.asset }, 'could not finish the failed recording\'s playlists'));
    }
    this.o.events?.failed?.(channel, program, err);
  }
}

/** The store namespace of a channel's live timeline. */
export function namespaceOf(channel: string): string {
  return `live-${channel}`;
}
