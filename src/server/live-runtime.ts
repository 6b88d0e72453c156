import type { Asset } from '../catalog/asset.js';
import type { Channel } from '../catalog/channel.js';
import type { ChannelRuntime } from '../catalog/channel-runtime.js';
import type { Program } from '../catalog/program.js';
import type { LiveRegistry } from '../live/live-registry.js';

/** The control plane's view of the live side: catalog transitions become live timelines and archives. */
export class LiveRuntime implements ChannelRuntime {
  private readonly keyFrameIntervals = new Map<string, number>();

  constructor(private readonly registry: LiveRegistry) {}

  /** Media time 0 is the channel's creation: it continues across restarts, so assets can append. */
  async startChannel(channel: Channel): Promise<void> {
    this.keyFrameIntervals.set(channel.name, channel.input.keyFrameIntervalMs);
    await this.registry.startChannel(channel.name, channel.input.keyFrameIntervalMs, Date.parse(channel.created));
  }

  /** Stop drops the encoders and the live timeline (CONTRACT §2). */
  async stopChannel(name: string): Promise<void> {
    await this.registry.stopChannel(name, true);
  }

  /** Reset drops the encoders and the live timeline and goes on running; programs go on recording. */
  async resetChannel(name: string): Promise<void> {
    await this.registry.resetChannel(name, this.keyFrameIntervals.get(name) ?? 2000);
  }

  async startProgram(program: Program, asset: Asset): Promise<void> {
    await this.registry.startProgram(program.channel, program.name, asset.name, program.archiveWindowMs);
  }

  async stopProgram(program: Program): Promise<void> {
    await this.registry.stopProgram(program.channel, program.name);
  }

  async deleteAssetMedia(asset: Asset): Promise<void> {
    await this.registry.deleteAsset(asset.name);
  }

  ingestStatus(name: string): unknown {
    const live = this.registry.channel(name);
    return live ? { running: true, ...live.status() } : { running: false, sources: [], tracks: [] };
  }
}
