import type { Logger } from 'pino';
import { TributaryError } from '../util/errors.js';
import { sameSecret } from '../util/same-secret.js';
import type { Asset, AssetStats } from './asset.js';
import { FILTER_LIMITS, type AssetFilter, type AssetFilterPatch, type NewAssetFilter } from './asset-filter.js';
import { AssetFilterRepository } from './asset-filter-repository.js';
import { AssetRepository } from './asset-repository.js';
import { buildAssetFilter, patchAssetFilter } from './build-asset-filter.js';
import { buildChannel } from './build-channel.js';
import { buildLocator } from './build-locator.js';
import { buildProgram } from './build-program.js';
import { buildStreamingEndpoint, patchStreamingEndpoint } from './build-streaming-endpoint.js';
import type { Channel, ChannelPatch, NewChannel } from './channel.js';
import { ChannelRepository } from './channel-repository.js';
import type { Locator, NewLocator } from './locator.js';
import { LocatorRepository } from './locator-repository.js';
import { notFound } from './names.js';
import { openDatabase, type Db } from './open-database.js';
import { patchChannel } from './patch-channel.js';
import { MAX_PROGRAMS_PER_CHANNEL, type NewProgram, type Program } from './program.js';
import { ProgramRepository } from './program-repository.js';
import { DEFAULT_ENDPOINT_NAME, type NewStreamingEndpoint, type StreamingEndpoint, type StreamingEndpointPatch } from './streaming-endpoint.js';
import { StreamingEndpointRepository } from './streaming-endpoint-repository.js';
import { Transitions } from './transitions.js';

export interface CatalogOptions {
  /** Holds catalog.db; created if missing. */
  dataDir: string;
  logger: Logger;
  /** Injected so tests control timestamps. */
  now?: () => Date;
}

/**
 * The persistent catalog of channels, programs, assets and locators and the rules between
 * them. Every mutation runs in one SQLite transaction, so a refused call changes nothing.
 * State changes that need the running system go through ControlPlane, which uses `transitions`.
 */
export class Catalog {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly channels: ChannelRepository;
  readonly programs: ProgramRepository;
  readonly assets: AssetRepository;
  readonly locators: LocatorRepository;
  readonly assetFilters: AssetFilterRepository;
  readonly streamingEndpoints: StreamingEndpointRepository;
  readonly transitions: Transitions;

  constructor(options: CatalogOptions) {
    this.#db = openDatabase(options.dataDir, options.logger);
    this.#now = options.now ?? (() => new Date());
    this.channels = new ChannelRepository(this.#db);
    this.programs = new ProgramRepository(this.#db);
    this.assets = new AssetRepository(this.#db);
    this.locators = new LocatorRepository(this.#db);
    this.assetFilters = new AssetFilterRepository(this.#db);
    this.streamingEndpoints = new StreamingEndpointRepository(this.#db);
    this.transitions = new Transitions({ db: this.#db, catalog: this, timestamp: () => this.timestamp() });
  }

  /** Checkpoints the WAL into the main file and closes; the catalog is unusable after. */
  close(): void {
    if (!this.#db.open) return;
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }

  timestamp(): string {
    return this.#now().toISOString();
  }

  createChannel(input: NewChannel): Channel {
    const channel = buildChannel(input, this.timestamp());
    return this.#db.transaction(() => {
      if (this.channels.get(channel.name)) throw exists(`channel "${channel.name}" already exists`, 'name');
      if (this.channels.byAccessToken(channel.input.accessToken)) throw exists('another channel uses this access token', 'input.accessToken');
      this.channels.insert(channel);
      return channel;
    })();
  }

  getChannel(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  requireChannel(name: string): Channel {
    return this.channels.get(name) ?? throwError(notFound('channel', name));
  }

  listChannels(): Channel[] {
    return this.channels.list();
  }

  /** The channel an ingest URL's token belongs to, in whatever state; callers check Running. */
  findChannelByAccessToken(token: string): Channel | undefined {
    // Every channel's token is compared, in constant time and without stopping at a match: how
    // long the lookup takes says nothing about any token (an index lookup would).
    let found: Channel | undefined;
    for (const channel of this.channels.list()) if (sameSecret(token, channel.input.accessToken)) found = channel;
    return found;
  }

  /**
   * Description and ipAllow lists change in any state (the RTMP gate and the origin read them
   * on each new connection or request). The token and the key frame interval are fixed while
   * the channel runs: connected encoders use the token, the live timeline the interval.
   */
  updateChannel(name: string, patch: ChannelPatch): Channel {
    return this.#db.transaction(() => {
      const current = this.requireChannel(name);
      const next = patchChannel(current, patch, this.timestamp());
      const changed = (['accessToken', 'keyFrameIntervalMs'] as const).filter((k) => next.input[k] !== current.input[k]);
      if (changed.length > 0 && current.state !== 'Stopped') {
        throw new TributaryError('ERR_CHANNEL_STATE', `channel "${name}" is ${current.state}; stop it to change input.${changed[0]}`, { field: `input.${changed[0]}`, state: current.state });
      }
      const holder = this.channels.byAccessToken(next.input.accessToken);
      if (holder && holder.name !== name) throw exists('another channel uses this access token', 'input.accessToken');
      this.channels.update(next);
      return this.requireChannel(name);
    })();
  }

  /** Needs Stopped with every program Stopped; removes its programs, keeps their assets. */
  deleteChannel(name: string): void {
    this.#db.transaction(() => {
      const channel = this.requireChannel(name);
      if (channel.state !== 'Stopped') throw state('ERR_CHANNEL_STATE', `channel "${name}" is ${channel.state}; stop it before deleting`);
      const busy = this.programs.list(name).find((p) => p.state !== 'Stopped');
      if (busy) throw state('ERR_PROGRAM_STATE', `program "${busy.name}" is ${busy.state}`);
      this.programs.deleteAll(name);
      this.channels.delete(name);
    })();
  }

  createProgram(channelName: string, input: NewProgram): Program {
    const program = buildProgram(channelName, input, this.timestamp());
    return this.#db.transaction(() => {
      this.requireChannel(channelName);
      const siblings = this.programs.list(channelName);
      if (siblings.some((p) => p.name === program.name)) throw exists(`program "${program.name}" already exists on channel "${channelName}"`, 'name');
      if (siblings.length >= MAX_PROGRAMS_PER_CHANNEL) {
        throw new TributaryError('ERR_LIMIT', `channel "${channelName}" already has ${MAX_PROGRAMS_PER_CHANNEL} programs`, { limit: MAX_PROGRAMS_PER_CHANNEL });
      }
      const owner = this.programs.byAsset(program.assetName);
      if (owner) throw exists(`asset "${program.assetName}" is recorded by program "${owner.channel}/${owner.name}"`, 'assetName');
      this.programs.insert(program);
      return program;
    })();
  }

  getProgram(channel: string, name: string): Program | undefined {
    return this.programs.get(channel, name);
  }

  requireProgram(channel: string, name: string): Program {
    this.requireChannel(channel);
    return this.programs.get(channel, name) ?? throwError(notFound('program', `${channel}/${name}`));
  }

  listPrograms(channel: string): Program[] {
    this.requireChannel(channel);
    return this.programs.list(channel);
  }

  /** The program recording (or that last recorded) into an asset. */
  getProgramByAsset(assetName: string): Program | undefined {
    return this.programs.byAsset(assetName);
  }

  /** Needs Stopped; the asset stays, playable through its locators. */
  deleteProgram(channel: string, name: string): void {
    this.#db.transaction(() => {
      const program = this.requireProgram(channel, name);
      if (program.state !== 'Stopped') throw state('ERR_PROGRAM_STATE', `program "${name}" is ${program.state}; stop it before deleting`);
      this.programs.delete(channel, name);
    })();
  }

  getAsset(name: string): Asset | undefined {
    return this.assets.get(name);
  }

  requireAsset(name: string): Asset {
    return this.assets.get(name) ?? throwError(notFound('asset', name));
  }

  listAssets(): Asset[] {
    return this.assets.list();
  }

  /**
   * Deletes an asset and, with it, its locators (as Azure did: a locator without its asset
   * could only ever answer 404). Refused while a program records into it. Returns the deleted
   * asset and whether the runtime should drop the on-demand window its program left: only
   * when no other asset has since been recorded under that program's name.
   */
  deleteAsset(name: string): { asset: Asset; locatorsDeleted: number } {
    return this.#db.transaction(() => {
      const asset = this.requireAsset(name);
      const recorder = this.programs.byAsset(name);
      if (asset.state === 'live' || (recorder && recorder.state !== 'Stopped')) {
        const who = recorder ? `program "${recorder.channel}/${recorder.name}" is ${recorder.state}` : 'it is being recorded';
        throw new TributaryError('ERR_ASSET_STATE', `cannot delete asset "${name}": ${who}; stop the program first`, { asset: name });
      }
      const locatorsDeleted = this.locators.deleteForAsset(name);
      this.assetFilters.deleteForAsset(name);
      this.assets.delete(name);
      return { asset, locatorsDeleted };
    })();
  }

  /** Called by the live runtime as it records; false when the asset no longer exists. */
  updateAssetStats(name: string, stats: AssetStats): boolean {
    return this.assets.setStats(name, stats, this.timestamp());
  }

  createLocator(input: NewLocator): Locator {
    const locator = buildLocator(input, this.timestamp());
    return this.#db.transaction(() => {
      if (!this.assets.get(locator.assetName)) throw new TributaryError('ERR_NOT_FOUND', `asset "${locator.assetName}" does not exist`, { field: 'assetName', resource: 'asset', name: locator.assetName });
      if (this.locators.get(locator.id)) throw exists(`locator "${locator.id}" already exists`, 'id');
      locator.filters.forEach((f, i) => {
        if (!this.assetFilters.get(locator.assetName, f)) {
          throw new TributaryError('ERR_NOT_FOUND', `asset "${locator.assetName}" has no filter "${f}"`, { field: `filters[${i}]`, resource: 'asset filter', name: f });
        }
      });
      this.locators.insert(locator);
      return locator;
    })();
  }

  getLocator(id: string): Locator | undefined {
    return this.locators.get(id.toLowerCase());
  }

  requireLocator(id: string): Locator {
    return this.getLocator(id) ?? throwError(notFound('locator', id));
  }

  listLocators(): Locator[] {
    return this.locators.list();
  }

  /** Filters may be added to an asset in any state: a live event gets a back-off or a shorter window. */
  createAssetFilter(assetName: string, input: NewAssetFilter): AssetFilter {
    const filter = buildAssetFilter(assetName, input, this.timestamp());
    return this.#db.transaction(() => {
      this.requireAsset(assetName);
      if (this.assetFilters.get(assetName, filter.name)) throw exists(`asset "${assetName}" already has a filter "${filter.name}"`, 'name');
      if (this.assetFilters.count(assetName) >= FILTER_LIMITS.filtersPerAsset) {
        throw new TributaryError('ERR_LIMIT', `asset "${assetName}" already has ${FILTER_LIMITS.filtersPerAsset} filters`, { limit: FILTER_LIMITS.filtersPerAsset });
      }
      this.assetFilters.put(filter);
      return filter;
    })();
  }

  requireAssetFilter(assetName: string, name: string): AssetFilter {
    this.requireAsset(assetName);
    return this.assetFilters.get(assetName, name) ?? throwError(notFound('asset filter', `${assetName}/${name}`));
  }

  getAssetFilter(assetName: string, name: string): AssetFilter | undefined {
    return this.assetFilters.get(assetName, name);
  }

  listAssetFilters(assetName: string): AssetFilter[] {
    this.requireAsset(assetName);
    return this.assetFilters.list(assetName);
  }

  /** Applies at once: the next manifest request of every locator sees the change. */
  updateAssetFilter(assetName: string, name: string, patch: AssetFilterPatch): AssetFilter {
    return this.#db.transaction(() => {
      const next = patchAssetFilter(this.requireAssetFilter(assetName, name), patch, this.timestamp());
      this.assetFilters.put(next);
      return next;
    })();
  }

  /** Refused while a locator applies it by default: its URLs would start failing. */
  deleteAssetFilter(assetName: string, name: string): void {
    this.#db.transaction(() => {
      this.requireAssetFilter(assetName, name);
      const users = this.locators.usingFilter(assetName, name);
      if (users.length > 0) {
        throw new TributaryError('ERR_FILTER_IN_USE', `filter "${name}" is a default filter of locator ${users.join(', ')}; delete the locator first`, { locators: users });
      }
      this.assetFilters.delete(assetName, name);
    })();
  }

  deleteLocator(id: string): void {
    if (!this.locators.delete(id.toLowerCase())) throw notFound('locator', id);
  }

  /**
   * Port checks here cover other endpoints; the caller passes the ports the server itself
   * listens on (`reservedPorts`: port → what uses it), which only it knows.
   */
  createStreamingEndpoint(input: NewStreamingEndpoint, reservedPorts: ReadonlyMap<number, string> = new Map()): StreamingEndpoint {
    const endpoint = buildStreamingEndpoint(input, this.timestamp());
    return this.#db.transaction(() => {
      if (this.streamingEndpoints.get(endpoint.name)) throw exists(`streaming endpoint "${endpoint.name}" already exists`, 'name');
      if (endpoint.port !== undefined) this.#assertPortFree(endpoint.port, endpoint.name, reservedPorts);
      this.streamingEndpoints.insert(endpoint);
      return endpoint;
    })();
  }

  getStreamingEndpoint(name: string): StreamingEndpoint | undefined {
    return this.streamingEndpoints.get(name);
  }

  requireStreamingEndpoint(name: string): StreamingEndpoint {
    return this.streamingEndpoints.get(name) ?? throwError(notFound('streaming endpoint', name));
  }

  listStreamingEndpoints(): StreamingEndpoint[] {
    return this.streamingEndpoints.list();
  }

  /**
   * Policies (ipAllow, cors, cross-site files) apply at once, in any state: the origin reads
   * them per request. The port moves only while Stopped (a running listener holds the old one);
   * scaleUnits not while Scaling, which is about to write them.
   */
  updateStreamingEndpoint(name: string, patch: StreamingEndpointPatch, reservedPorts: ReadonlyMap<number, string> = new Map()): StreamingEndpoint {
    return this.#db.transaction(() => {
      const current = this.requireStreamingEndpoint(name);
      const next = patchStreamingEndpoint(current, patch, this.timestamp());
      if (next.port !== current.port) {
        if (current.state !== 'Stopped') {
          throw new TributaryError('ERR_STREAMING_ENDPOINT_STATE', `streaming endpoint "${name}" is ${current.state}; stop it to change its port`, { field: 'port', state: current.state });
        }
        this.#assertPortFree(next.port as number, name, reservedPorts);
      }
      if (next.scaleUnits !== current.scaleUnits && current.state === 'Scaling') {
        throw new TributaryError('ERR_STREAMING_ENDPOINT_STATE', `streaming endpoint "${name}" is Scaling`, { field: 'scaleUnits', state: current.state });
      }
      this.streamingEndpoints.update(next);
      return this.requireStreamingEndpoint(name);
    })();
  }

  /** Needs Stopped; `default` is never deleted. */
  deleteStreamingEndpoint(name: string): void {
    this.#db.transaction(() => {
      const endpoint = this.requireStreamingEndpoint(name);
      if (name === DEFAULT_ENDPOINT_NAME) throw new TributaryError('ERR_DEFAULT_ENDPOINT', 'the default streaming endpoint always exists and cannot be deleted', { name });
      if (endpoint.state !== 'Stopped') {
        throw new TributaryError('ERR_STREAMING_ENDPOINT_STATE', `streaming endpoint "${name}" is ${endpoint.state}; stop it before deleting`, { state: endpoint.state });
      }
      this.streamingEndpoints.delete(name);
    })();
  }

  #assertPortFree(port: number, name: string, reservedPorts: ReadonlyMap<number, string>): void {
    const user = reservedPorts.get(port);
    if (user) throw new TributaryError('ERR_PORT_IN_USE', `port ${port} is the server's ${user} port`, { field: 'port', port });
    const other = this.streamingEndpoints.byPort(port);
    if (other && other.name !== name) throw new TributaryError('ERR_PORT_IN_USE', `port ${port} is used by streaming endpoint "${other.name}"`, { field: 'port', port });
  }
}

function exists(message: string, field: string): TributaryError {
  return new TributaryError('ERR_ALREADY_EXISTS', message, { field });
}

export function state(code: 'ERR_CHANNEL_STATE' | 'ERR_PROGRAM_STATE' | 'ERR_ASSET_STATE', message: string): TributaryError {
  return new TributaryError(code, message);
}

function throwError(err: Error): never {
  throw err;
}
