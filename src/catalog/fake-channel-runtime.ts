import type { Asset } from './asset.js';
import type { Channel } from './channel.js';
import type { ChannelRuntime } from './channel-runtime.js';
import type { Program } from './program.js';

/**
 * A ChannelRuntime for tests: records each call, fails the calls named in `failing`
 * (`startChannel` or `startChannel:name`), and while `hold()` is in force makes every call wait,
 * so a test can observe and race the transient states.
 */
export class FakeChannelRuntime implements ChannelRuntime {
  readonly calls: string[] = [];
  readonly failing = new Set<string>();
  #gate: Promise<void> | undefined;

  /** Calls made from now on wait until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.#gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.#gate = undefined;
      release();
    };
  }

  async #call(method: string, subject: string): Promise<void> {
    this.calls.push(`${method} ${subject}`);
    if (this.#gate) await this.#gate;
    if (this.failing.has(method) || this.failing.has(`${method}:${subject}`)) throw new Error(`fake ${method} failure for ${subject}`);
  }

  startChannel(channel: Channel): Promise<void> {
    return this.#call('startChannel', channel.name);
  }

  stopChannel(name: string): Promise<void> {
    return this.#call('stopChannel', name);
  }

  resetChannel(name: string): Promise<void> {
    return this.#call('resetChannel', name);
  }

  startProgram(program: Program, asset: Asset): Promise<void> {
    return this.#call('startProgram', `${program.channel}/${program.name}>${asset.name}`);
  }

  stopProgram(program: Program): Promise<void> {
    return this.#call('stopProgram', `${program.channel}/${program.name}`);
  }

  deleteAssetMedia(asset: Asset): Promise<void> {
    return this.#call('deleteAssetMedia', `${asset.channel}/${asset.program}>${asset.name}`);
  }

  ingestStatus(name: string): unknown {
    return { channel: name, encoders: [] };
  }
}
