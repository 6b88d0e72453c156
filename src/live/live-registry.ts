import type { Logger } from 'pino';
import type { Presentation } from '../model/presentation.js';
import type { Clock } from '../model/time.js';
import type { FragmentStore } from '../store/fragment-store.js';
import { LiveChannel } from './live-channel.js';

interface ProgramWindow {
  fromMs: number;
  toMs?: number;
  windowMs: number;
}

interface RunningChannel {
  live: LiveChannel;
  programs: Map<string, ProgramWindow>;
  /** Closes the encoders publishing into this channel. */
  disconnects: Set<(reason: string) => void>;
}

export interface LiveRegistryOptions {
  store: FragmentStore;
  clock: Clock;
  log: Logger;
}

/**
 * The running channels of this process and the programs recording them: which live timeline a
 * publish goes into, and which window of it a program's locators show.
 */
export class LiveRegistry {
  private readonly channels = new Map<string, RunningChannel>();
  /** Programs that stopped keep their window so their asset plays on demand. */
  private readonly stoppedPrograms = new Map<string, { channel: string; window: ProgramWindow }>();

  constructor(private readonly o: LiveRegistryOptions) {}

  /**
   * Starts a channel's live timeline. Whatever an earlier run left under its namespace (a
   * crash, a stop during shutdown) is removed first: a new timeline starts empty.
   */
  async startChannel(name: string, keyFrameIntervalMs: number): Promise<void> {
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
   * Drops the encoders and the live timeline. `deleteMedia` false keeps the stored fragments
   * (server shutdown: in-flight fragments are written, nothing is thrown away).
   */
  async stopChannel(name: string, deleteMedia: boolean): Promise<void> {
    const ch = this.channels.get(name);
    if (!ch) return;
    this.channels.delete(name);
    for (const [key, p] of this.stoppedPrograms) if (p.channel === name) this.stoppedPrograms.delete(key);
    for (const d of ch.disconnects) d('channel stopped');
    await ch.live.close(deleteMedia);
  }

  /**
   * Drops the encoders and the live timeline and starts an empty one; programs that were
   * running go on recording into the new timeline (CONTRACT §2 reset).
   */
  async resetChannel(name: string, keyFrameIntervalMs: number): Promise<void> {
    const running = [...(this.channels.get(name)?.programs ?? new Map<string, ProgramWindow>())];
    await this.stopChannel(name, true);
    await this.startChannel(name, keyFrameIntervalMs);
    for (const [program, window] of running) this.startProgram(name, program, window.windowMs);
  }

  startProgram(channel: string, program: string, windowMs: number): void {
    const ch = this.channels.get(channel);
    if (!ch) throw new Error(`channel ${channel} is not running`);
    const fromMs = ch.live.nowMediaMs() ?? 0;
    ch.programs.set(program, { fromMs, windowMs });
    this.stoppedPrograms.delete(`${channel}/${program}`);
    ch.live.setRetention(Math.max(...[...ch.programs.values()].map((p) => p.windowMs)));
  }

  stopProgram(channel: string, program: string): void {
    const ch = this.channels.get(channel);
    const window = ch?.programs.get(program);
    if (!ch || !window) return;
    ch.programs.delete(program);
    window.toMs = ch.live.nowMediaMs();
    this.stoppedPrograms.set(`${channel}/${program}`, { channel, window });
  }

  /**
   * Forgets the on-demand window a stopped program left (its asset was deleted). A running
   * program's window is left alone: the catalog refuses to delete what is being recorded.
   * Returns whether there was a window to forget.
   */
  forgetProgramWindow(channel: string, program: string): boolean {
    return this.stoppedPrograms.delete(`${channel}/${program}`);
  }

  /** What a program's locators show: live with its DVR window, or on demand once stopped. */
  programPresentation(channel: string, program: string): Presentation | undefined {
    const ch = this.channels.get(channel);
    const running = ch?.programs.get(program);
    if (ch && running) return ch.live.presentation({ fromMs: running.fromMs, dvrWindowMs: running.windowMs, ended: false });
    const stopped = this.stoppedPrograms.get(`${channel}/${program}`);
    const live = ch?.live;
    if (!stopped || !live) return undefined;
    return live.presentation({ fromMs: stopped.window.fromMs, toMs: stopped.window.toMs, dvrWindowMs: stopped.window.windowMs, ended: true });
  }

  /** The channel's preview: its live input, whether or not a program runs. */
  previewPresentation(channel: string): Presentation | undefined {
    const live = this.channels.get(channel)?.live;
    return live?.presentation({ dvrWindowMs: 60_000, ended: false });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((n) => this.stopChannel(n, false)));
  }
}

/** The store namespace of a channel's live timeline. */
export function namespaceOf(channel: string): string {
  return `live-${channel}`;
}
