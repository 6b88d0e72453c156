import type { Asset } from '../catalog/asset.js';
import type { Channel } from '../catalog/channel.js';
import type { ChannelRuntime } from '../catalog/channel-runtime.js';
import type { Program } from '../catalog/program.js';
import type { LiveRegistry } from '../live/live-registry.js';

/** The control plane's view of the live side: catalog transitions become live timelines. */
export class LiveRuntime implements ChannelRuntime {
  private readonly keyFrameIntervals = new Map<string, number>();

  constructor(private readonly registry: LiveRegistry) {}

  async startChannel(channel: Channel): Promise<void> {
    this.keyFrameIntervals.set(channel.name, channel.input.keyFrameIntervalMs);
    await this.registry.startChannel(channel.name, channel.input.keyFrameIntervalMs);
  }

  /** Stop drops the encoders and the live timeline (CONTRACT §2). */
  async stopChannel(name: string): Promise<void> {
    await this.registry.stopChannel(name, true);
  }

  /** Reset drops the encoders and the live timeline and goes on running. */
  async resetChannel(name: string): Promise<void> {
    await this.registry.resetChannel(name, this.keyFrameIntervals.get(name) ?? 2000);
  }

  async startProgram(program: Program, _asset: Asset): Promise<void> {
    this.registry.startProgram(program.channel, program.name, program.archiveWindowMs);
  }

  async stopProgram(program: Program): Promise<void> {
    this.registry.stopProgram(program.channel, program.name);
  }

  /** The asset's media is its program's window of the live timeline; its fragments age out with it. */
  async dropAssetWindow(asset: Asset): Promise<void> {
    this.registry.forgetProgramWindow(asset.channel, asset.program);
  }

  ingestStatus(name: string): unknown {
    const live = this.registry.channel(name);
    return live ? { running: true, ...live.status() } : { running: false, sources: [], tracks: [] };
  }
}
