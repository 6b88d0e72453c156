import { TributaryError } from '../util/errors.js';
import type { Asset } from './asset.js';
import type { Catalog } from './catalog.js';
import type { Channel } from './channel.js';
import type { Db } from './open-database.js';
import type { Program } from './program.js';
import { CHANNEL_ACTIONS, PROGRAM_ACTIONS, STREAMING_ENDPOINT_ACTIONS, type ActionName, type StreamingEndpointActionName } from './state-machines.js';
import { DEFAULT_ENDPOINT_NAME, type StreamingEndpoint } from './streaming-endpoint.js';

export interface TransitionsOptions {
  db: Db;
  catalog: Catalog;
  timestamp: () => string;
}

/** What a program start reserved, so that a failed start can be undone exactly. */
export interface ProgramStart {
  program: Program;
  asset: Asset;
  /** The asset as it was before, when an existing Ready asset is reused; absent when created. */
  previousAsset?: Asset;
}

/**
 * The catalog half of every state machine step. `begin*` checks and moves to the transient
 * state in one transaction; `end*` lands on the final state. ControlPlane calls the runtime in
 * between. Because better-sqlite3 is synchronous, check-and-set cannot interleave.
 */
export class Transitions {
  readonly #db: Db;
  readonly #catalog: Catalog;
  readonly #timestamp: () => string;

  constructor(options: TransitionsOptions) {
    this.#db = options.db;
    this.#catalog = options.catalog;
    this.#timestamp = options.timestamp;
  }

  beginChannel(name: string, action: ActionName): Channel {
    return this.#db.transaction(() => {
      const channel = this.#catalog.requireChannel(name);
      const rule = CHANNEL_ACTIONS[action];
      if (!rule.from.includes(channel.state)) throw new TributaryError('ERR_CHANNEL_STATE', `cannot ${action} channel "${name}": it is ${channel.state}`, { state: channel.state });
      if (action === 'stop') {
        const busy = this.#catalog.programs.list(name).find((p) => p.state !== 'Stopped');
        if (busy) throw new TributaryError('ERR_CHANNEL_STATE', `cannot stop channel "${name}": program "${busy.name}" is ${busy.state}`, { program: busy.name });
      }
      this.#catalog.channels.setState(name, rule.during, this.#timestamp());
      return this.#catalog.requireChannel(name);
    })();
  }

  endChannel(name: string, action: ActionName, ok: boolean): Channel {
    const rule = CHANNEL_ACTIONS[action];
    this.#catalog.channels.setState(name, ok ? rule.done : rule.failed, this.#timestamp());
    return this.#catalog.requireChannel(name);
  }

  beginProgramStart(channelName: string, name: string): ProgramStart {
    return this.#db.transaction(() => {
      const program = this.#catalog.requireProgram(channelName, name);
      const channel = this.#catalog.requireChannel(channelName);
      if (!PROGRAM_ACTIONS.start.from.includes(program.state)) throw new TributaryError('ERR_PROGRAM_STATE', `cannot start program "${name}": it is ${program.state}`, { state: program.state });
      if (channel.state !== 'Running') throw new TributaryError('ERR_CHANNEL_STATE', `cannot start program "${name}": channel "${channelName}" is ${channel.state}`, { state: channel.state });
      const previousAsset = this.#catalog.assets.get(program.assetName);
      if (previousAsset?.state === 'live') throw new TributaryError('ERR_ASSET_STATE', `asset "${program.assetName}" is being recorded`, { asset: program.assetName });
      const now = this.#timestamp();
      // A Ready asset is reused, so a stopped and restarted program keeps one asset and its
      // locators' URLs; the runtime appends to its archive.
      this.#catalog.assets.upsert({
        name: program.assetName,
        state: 'live',
        created: now,
        lastModified: now,
        channel: channelName,
        program: name,
        manifestName: program.manifestName,
        durationMs: 0,
        sizeBytes: 0,
        tracks: [],
      });
      this.#catalog.programs.setState(channelName, name, PROGRAM_ACTIONS.start.during, now);
      this.#catalog.programs.setError(channelName, name, null);
      const start: ProgramStart = { program: this.#catalog.requireProgram(channelName, name), asset: this.#catalog.requireAsset(program.assetName) };
      if (previousAsset) start.previousAsset = previousAsset;
      return start;
    })();
  }

  endProgramStart(start: ProgramStart, ok: boolean): Program {
    const { program, previousAsset } = start;
    return this.#db.transaction(() => {
      const now = this.#timestamp();
      if (!ok && previousAsset) this.#catalog.assets.upsert({ ...previousAsset, lastModified: now });
      else if (!ok && this.#catalog.locators.countForAsset(program.assetName) === 0) this.#catalog.assets.delete(program.assetName);
      else if (!ok) this.#catalog.assets.setState(program.assetName, 'ready', now);
      this.#catalog.programs.setState(program.channel, program.name, ok ? PROGRAM_ACTIONS.start.done : PROGRAM_ACTIONS.start.failed, now);
      return this.#catalog.requireProgram(program.channel, program.name);
    })();
  }

  beginProgramStop(channelName: string, name: string): Program {
    return this.#db.transaction(() => {
      const program = this.#catalog.requireProgram(channelName, name);
      if (!PROGRAM_ACTIONS.stop.from.includes(program.state)) throw new TributaryError('ERR_PROGRAM_STATE', `cannot stop program "${name}": it is ${program.state}`, { state: program.state });
      this.#catalog.programs.setState(channelName, name, PROGRAM_ACTIONS.stop.during, this.#timestamp());
      return this.#catalog.requireProgram(channelName, name);
    })();
  }

  endProgramStop(program: Program, ok: boolean): Program {
    return this.#db.transaction(() => {
      const now = this.#timestamp();
      if (ok) this.#catalog.assets.setState(program.assetName, 'ready', now);
      this.#catalog.programs.setState(program.channel, program.name, ok ? PROGRAM_ACTIONS.stop.done : PROGRAM_ACTIONS.stop.failed, now);
      return this.#catalog.requireProgram(program.channel, program.name);
    })();
  }

  /**
   * A Running program whose recording stopped on its own (a store error): Stopped, with the
   * error kept for the API, its asset Ready (it plays on demand what was archived).
   */
  failProgram(channelName: string, name: string, error: { code: string; message: string }): Program | undefined {
    return this.#db.transaction(() => {
      const program = this.#catalog.programs.get(channelName, name);
      if (!program || program.state !== 'Running') return program;
      const now = this.#timestamp();
      if (this.#catalog.assets.get(program.assetName)) this.#catalog.assets.setState(program.assetName, 'ready', now);
      this.#catalog.programs.setState(channelName, name, 'Stopped', now);
      this.#catalog.programs.setError(channelName, name, { ...error, time: now });
      return this.#catalog.requireProgram(channelName, name);
    })();
  }

  /** Settles a program that cannot resume after a restart: Stopped, its asset kept as Ready. */
  abandonProgram(program: Program): Program {
    return this.#db.transaction(() => {
      const now = this.#timestamp();
      if (this.#catalog.assets.get(program.assetName)) this.#catalog.assets.setState(program.assetName, 'ready', now);
      this.#catalog.programs.setState(program.channel, program.name, 'Stopped', now);
      return this.#catalog.requireProgram(program.channel, program.name);
    })();
  }

  /**
   * After a restart nothing is running, whatever the catalog says. Settles every transient
   * state and returns the channels and programs to start again, already marked Starting.
   */
  prepareRecovery(): { channels: Channel[]; programs: Program[] } {
    return this.#db.transaction(() => {
      const now = this.#timestamp();
      const channels: Channel[] = [];
      const programs: Program[] = [];
      for (const channel of this.#catalog.channels.list()) {
        const restart = channel.state === 'Running' || channel.state === 'Starting';
        const channelState = restart ? 'Starting' : 'Stopped';
        if (channel.state !== channelState) this.#catalog.channels.setState(channel.name, channelState, now);
        if (restart) channels.push(this.#catalog.requireChannel(channel.name));
        for (const program of this.#catalog.programs.list(channel.name)) {
          const resume = restart && (program.state === 'Running' || program.state === 'Starting');
          if (program.state !== 'Stopped' && !resume) this.#catalog.assets.setState(program.assetName, 'ready', now);
          const programState = resume ? 'Starting' : 'Stopped';
          if (program.state !== programState) this.#catalog.programs.setState(channel.name, program.name, programState, now);
          if (resume) programs.push(this.#catalog.requireProgram(channel.name, program.name));
        }
      }
      return { channels, programs };
    })();
  }

  /** Checks the action against the table and moves to its transient state, in one transaction. */
  beginStreamingEndpoint(name: string, action: StreamingEndpointActionName): StreamingEndpoint {
    return this.#db.transaction(() => {
      const endpoint = this.#catalog.requireStreamingEndpoint(name);
      if (name === DEFAULT_ENDPOINT_NAME && action === 'stop') {
        throw new TributaryError('ERR_DEFAULT_ENDPOINT', 'the default streaming endpoint serves on the main HTTP port and cannot be stopped', { name });
      }
      const rule = STREAMING_ENDPOINT_ACTIONS[action];
      if (!rule.from.includes(endpoint.state)) {
        throw new TributaryError('ERR_STREAMING_ENDPOINT_STATE', `cannot ${action} streaming endpoint "${name}": it is ${endpoint.state}`, { state: endpoint.state });
      }
      this.#catalog.streamingEndpoints.setState(name, rule.during, this.#timestamp());
      return this.#catalog.requireStreamingEndpoint(name);
    })();
  }

  /** Lands on the action's final state; a successful scale records the new unit count with it. */
  endStreamingEndpoint(name: string, action: StreamingEndpointActionName, ok: boolean, scaleUnits?: number): StreamingEndpoint {
    return this.#db.transaction(() => {
      const rule = STREAMING_ENDPOINT_ACTIONS[action];
      const now = this.#timestamp();
      if (ok && action === 'scale' && scaleUnits !== undefined) this.#catalog.streamingEndpoints.setScaleUnits(name, scaleUnits, now);
      this.#catalog.streamingEndpoints.setState(name, ok ? rule.done : rule.failed, now);
      return this.#catalog.requireStreamingEndpoint(name);
    })();
  }

  /**
   * After a restart no listener is open. Endpoints that were Running (or on their way there, or
   * scaling) are returned marked Starting, to be started again; the others settle on Stopped.
   * `default` is Running whatever a crash left behind.
   */
  prepareStreamingEndpointRecovery(): StreamingEndpoint[] {
    return this.#db.transaction(() => {
      const now = this.#timestamp();
      const restart: StreamingEndpoint[] = [];
      for (const endpoint of this.#catalog.streamingEndpoints.list()) {
        const wasUp = endpoint.state === 'Running' || endpoint.state === 'Starting' || endpoint.state === 'Scaling';
        const target = endpoint.name === DEFAULT_ENDPOINT_NAME ? 'Running' : wasUp ? 'Starting' : 'Stopped';
        if (endpoint.state !== target) this.#catalog.streamingEndpoints.setState(endpoint.name, target, now);
        if (target === 'Starting') restart.push(this.#catalog.requireStreamingEndpoint(endpoint.name));
      }
      return restart;
    })();
  }
}
