import type { Logger } from 'pino';
import { TributaryError } from '../util/errors.js';
import type { Catalog } from './catalog.js';
import type { Channel } from './channel.js';
import type { ChannelRuntime } from './channel-runtime.js';
import type { Program } from './program.js';
import { assertScaleUnits } from './build-streaming-endpoint.js';
import type { StreamingEndpointActionName } from './state-machines.js';
import { DEFAULT_ENDPOINT_NAME, type StreamingEndpoint } from './streaming-endpoint.js';
import type { StreamingEndpointRuntime } from './streaming-endpoint-runtime.js';

export interface ControlPlaneOptions {
  catalog: Catalog;
  runtime: ChannelRuntime;
  endpoints: StreamingEndpointRuntime;
  logger: Logger;
}

export interface StreamingEndpointRecoveryReport {
  endpoints: { name: string; ok: boolean; error?: string }[];
}

export interface RecoveryReport {
  channels: { name: string; ok: boolean; error?: string }[];
  programs: { channel: string; name: string; ok: boolean; error?: string }[];
}

/**
 * Runs the state machines: catalog step, runtime call, catalog step. Holds no state of its own
 * (the transient states in the catalog are the locks), so any number of instances may share
 * one catalog and runtime.
 */
export class ControlPlane {
  readonly #catalog: Catalog;
  readonly #runtime: ChannelRuntime;
  readonly #endpoints: StreamingEndpointRuntime;
  readonly #logger: Logger;

  constructor(options: ControlPlaneOptions) {
    this.#catalog = options.catalog;
    this.#runtime = options.runtime;
    this.#endpoints = options.endpoints;
    this.#logger = options.logger;
  }

  async startChannel(name: string): Promise<Channel> {
    const channel = this.#catalog.transitions.beginChannel(name, 'start');
    try {
      await this.#runtime.startChannel(channel);
    } catch (err) {
      this.#catalog.transitions.endChannel(name, 'start', false);
      this.#logger.warn({ channel: name, err }, 'channel start failed');
      throw err;
    }
    return this.#catalog.transitions.endChannel(name, 'start', true);
  }

  async stopChannel(name: string): Promise<Channel> {
    this.#catalog.transitions.beginChannel(name, 'stop');
    try {
      await this.#runtime.stopChannel(name);
    } catch (err) {
      this.#catalog.transitions.endChannel(name, 'stop', false);
      this.#logger.warn({ channel: name, err }, 'channel stop failed');
      throw err;
    }
    return this.#catalog.transitions.endChannel(name, 'stop', true);
  }

  /** Only a Running channel has encoders and a timeline to drop; its state does not change. */
  async resetChannel(name: string): Promise<Channel> {
    const channel = this.#catalog.requireChannel(name);
    if (channel.state !== 'Running') throw new TributaryError('ERR_CHANNEL_STATE', `cannot reset channel "${name}": it is ${channel.state}`, { state: channel.state });
    await this.#runtime.resetChannel?.(name);
    return this.#catalog.requireChannel(name);
  }

  async startProgram(channel: string, name: string): Promise<Program> {
    const start = this.#catalog.transitions.beginProgramStart(channel, name);
    try {
      await this.#runtime.startProgram(start.program, start.asset);
    } catch (err) {
      this.#catalog.transitions.endProgramStart(start, false);
      this.#logger.warn({ channel, program: name, err }, 'program start failed');
      throw err;
    }
    return this.#catalog.transitions.endProgramStart(start, true);
  }

  async stopProgram(channel: string, name: string): Promise<Program> {
    const program = this.#catalog.transitions.beginProgramStop(channel, name);
    try {
      await this.#runtime.stopProgram(program);
    } catch (err) {
      this.#catalog.transitions.endProgramStop(program, false);
      this.#logger.warn({ channel, program: name, err }, 'program stop failed');
      throw err;
    }
    return this.#catalog.transitions.endProgramStop(program, true);
  }

  /** Catalog first (refused while recording, no partial change), then the media. */
  async deleteAsset(name: string): Promise<void> {
    const { asset } = this.#catalog.deleteAsset(name);
    await this.#runtime.deleteAssetMedia(asset);
  }

  /**
   * The runtime stopped a program's recording on its own (disk full, a write error): the
   * program is Stopped with the error, its asset Ready. Nothing else is touched.
   */
  programFailed(channel: string, name: string, err: Error): void {
    const code = err instanceof TributaryError ? err.code : 'ERR_STORE';
    const program = this.#catalog.transitions.failProgram(channel, name, { code, message: `recording stopped: ${err.message}` });
    this.#logger.error({ channel, program: name, err, state: program?.state }, 'program stopped: recording failed');
  }

  /** Opens the endpoint's listener; a port in use fails the start and the endpoint stays Stopped. */
  startStreamingEndpoint(name: string): Promise<StreamingEndpoint> {
    return this.#endpointAction(name, 'start', (e) => this.#endpoints.startEndpoint(e));
  }

  stopStreamingEndpoint(name: string): Promise<StreamingEndpoint> {
    return this.#endpointAction(name, 'stop', (e) => this.#endpoints.stopEndpoint(e.name));
  }

  /** Running → Scaling → Running; the unit count is recorded once the runtime has applied it. */
  scaleStreamingEndpoint(name: string, scaleUnits: number): Promise<StreamingEndpoint> {
    assertScaleUnits(scaleUnits, 'scaleUnits');
    return this.#endpointAction(name, 'scale', (e) => this.#endpoints.scaleEndpoint(e, scaleUnits), scaleUnits);
  }

  async #endpointAction(name: string, action: StreamingEndpointActionName, call: (e: StreamingEndpoint) => Promise<void>, scaleUnits?: number): Promise<StreamingEndpoint> {
    const endpoint = this.#catalog.transitions.beginStreamingEndpoint(name, action);
    try {
      // default has no listener of its own: there is nothing to open or close, only to record.
      if (name !== DEFAULT_ENDPOINT_NAME) await call(endpoint);
    } catch (err) {
      this.#catalog.transitions.endStreamingEndpoint(name, action, false);
      this.#logger.warn({ endpoint: name, err }, `streaming endpoint ${action} failed`);
      throw err;
    }
    return this.#catalog.transitions.endStreamingEndpoint(name, action, true, scaleUnits);
  }

  /**
   * Reopens the listeners of endpoints that were Running. Call after the server's own listeners
   * are open, so that an endpoint whose port the server now uses fails (and ends Stopped, logged)
   * instead of keeping the server from starting.
   */
  async recoverStreamingEndpoints(): Promise<StreamingEndpointRecoveryReport> {
    const report: StreamingEndpointRecoveryReport = { endpoints: [] };
    for (const endpoint of this.#catalog.transitions.prepareStreamingEndpointRecovery()) {
      try {
        await this.#endpoints.startEndpoint(endpoint);
        this.#catalog.transitions.endStreamingEndpoint(endpoint.name, 'start', true);
        report.endpoints.push({ name: endpoint.name, ok: true });
      } catch (err) {
        this.#catalog.transitions.endStreamingEndpoint(endpoint.name, 'start', false);
        this.#logger.error({ endpoint: endpoint.name, port: endpoint.port, err }, 'streaming endpoint could not be restarted');
        report.endpoints.push({ name: endpoint.name, ok: false, error: (err as Error).message });
      }
    }
    return report;
  }

  /**
   * Call once after opening the catalog and before accepting requests: restarts channels that
   * were Running (or Starting) and their running programs; a failure is logged and that
   * resource ends Stopped, so one broken channel never blocks the others.
   */
  async recoverOnStartup(): Promise<RecoveryReport> {
    const { channels, programs } = this.#catalog.transitions.prepareRecovery();
    const report: RecoveryReport = { channels: [], programs: [] };
    const failed = new Set<string>();
    for (const channel of channels) {
      try {
        await this.#runtime.startChannel(channel);
        this.#catalog.transitions.endChannel(channel.name, 'start', true);
        report.channels.push({ name: channel.name, ok: true });
      } catch (err) {
        failed.add(channel.name);
        // Its programs cannot run on a stopped channel: settle them first.
        for (const p of programs.filter((p) => p.channel === channel.name)) this.#abandon(p, report, 'channel did not start');
        this.#catalog.transitions.endChannel(channel.name, 'start', false);
        this.#logger.error({ channel: channel.name, err }, 'channel could not be restarted');
        report.channels.push({ name: channel.name, ok: false, error: (err as Error).message });
      }
    }
    for (const program of programs.filter((p) => !failed.has(p.channel))) {
      const asset = this.#catalog.getAsset(program.assetName);
      try {
        if (!asset) throw new TributaryError('ERR_NOT_FOUND', `asset "${program.assetName}" is missing`);
        await this.#runtime.startProgram(program, asset);
        this.#catalog.transitions.endProgramStart({ program, asset }, true);
        report.programs.push({ channel: program.channel, name: program.name, ok: true });
      } catch (err) {
        this.#logger.error({ channel: program.channel, program: program.name, err }, 'program could not be restarted');
        this.#abandon(program, report, (err as Error).message);
      }
    }
    return report;
  }

  #abandon(program: Program, report: RecoveryReport, error: string): void {
    this.#catalog.transitions.abandonProgram(program);
    report.programs.push({ channel: program.channel, name: program.name, ok: false, error });
  }
}
