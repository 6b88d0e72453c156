import { TributaryError } from '../util/errors.js';

/**
 * What one client may cost the server, every figure configurable (the `limits` mapping of the
 * config file, or TRIBUTARY_LIMITS / --limits as JSON) with a safe default. Breaking a limit
 * ends that connection or request with a logged reason; nothing else is affected.
 */
export interface Limits {
  http: {
    /** Request line plus headers (node's maxHeaderSize): larger is 431. */
    maxHeaderBytes: number;
    /** A request's headers must be complete within this (slowloris). */
    headersTimeoutMs: number;
    /** An idle keep-alive connection is closed after this. */
    keepAliveTimeoutMs: number;
    /** API request bodies (JSON): larger is 413. */
    apiBodyBytes: number;
    /** Open connections from one client address to one HTTP port; more are closed at once. */
    connectionsPerAddress: number;
    /** API requests per second from one address (a token bucket); above it 429 with Retry-After. */
    apiRequestsPerSecond: number;
    /** How many API requests one address may make at once before the rate applies. */
    apiBurst: number;
  };
  rtmp: {
    handshakeTimeoutMs: number;
    idleTimeoutMs: number;
    /** Largest RTMP message (a video frame); the announced length is checked before any allocation. */
    maxMessageBytes: number;
    maxConnections: number;
    connectionsPerAddress: number;
  };
  smooth: {
    /** No byte for this long ends a Smooth POST (408). */
    idleTimeoutMs: number;
    /** One fragment's media (mdat). */
    maxFragmentBytes: number;
    /** Tracks in one POST's moov. */
    maxTracks: number;
  };
  channel: {
    /** Tracks one channel holds from all its encoders; a new track past it ends that publish. */
    maxTracks: number;
  };
}

export const DEFAULT_LIMITS: Limits = {
  http: {
    maxHeaderBytes: 16 * 1024,
    headersTimeoutMs: 20_000,
    keepAliveTimeoutMs: 72_000,
    apiBodyBytes: 1 << 20,
    connectionsPerAddress: 512,
    apiRequestsPerSecond: 50,
    apiBurst: 100,
  },
  rtmp: { handshakeTimeoutMs: 10_000, idleTimeoutMs: 30_000, maxMessageBytes: 8 << 20, maxConnections: 1000, connectionsPerAddress: 64 },
  smooth: { idleTimeoutMs: 30_000, maxFragmentBytes: 32 << 20, maxTracks: 32 },
  channel: { maxTracks: 64 },
};

/** Inclusive bounds of each figure: wide enough for any deployment, narrow enough to stay safe. */
const BOUNDS: { [S in keyof Limits]: { [K in keyof Limits[S]]: [number, number] } } = {
  http: {
    maxHeaderBytes: [1024, 1 << 20],
    headersTimeoutMs: [1000, 600_000],
    keepAliveTimeoutMs: [1000, 3_600_000],
    apiBodyBytes: [1024, 64 << 20],
    connectionsPerAddress: [1, 1_000_000],
    apiRequestsPerSecond: [1, 1_000_000],
    apiBurst: [1, 1_000_000],
  },
  rtmp: {
    handshakeTimeoutMs: [1000, 600_000],
    idleTimeoutMs: [1000, 3_600_000],
    maxMessageBytes: [64 * 1024, 64 << 20],
    maxConnections: [1, 1_000_000],
    connectionsPerAddress: [1, 1_000_000],
  },
  smooth: { idleTimeoutMs: [1000, 3_600_000], maxFragmentBytes: [64 * 1024, 256 << 20], maxTracks: [1, 256] },
  channel: { maxTracks: [1, 1024] },
};

/** Parses a `limits` setting (an object, or its JSON text) over the defaults; unknown keys are refused. */
export function parseLimits(raw: unknown, where: string): Limits {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new TributaryError('ERR_CONFIG', `${where}: must be a JSON object such as {"http": {"apiRequestsPerSecond": 20}}`, { key: where });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TributaryError('ERR_CONFIG', `${where}: must be a mapping of http, rtmp and smooth limits`, { key: where });
  const out = structuredClone(DEFAULT_LIMITS) as unknown as Record<string, Record<string, number>>;
  for (const [section, figures] of Object.entries(value)) {
    const bounds = (BOUNDS as unknown as Record<string, Record<string, [number, number]>>)[section];
    if (!bounds) throw new TributaryError('ERR_CONFIG', `${where}: unknown section ${JSON.stringify(section)} (http, rtmp, smooth, channel)`, { key: `${where}.${section}` });
    if (typeof figures !== 'object' || figures === null || Array.isArray(figures)) throw new TributaryError('ERR_CONFIG', `${where}.${section}: must be a mapping`, { key: `${where}.${section}` });
    for (const [name, figure] of Object.entries(figures)) {
      const range = bounds[name];
      const key = `${where}.${section}.${name}`;
      if (!range) throw new TributaryError('ERR_CONFIG', `${where}: unknown limit ${section}.${name} (known: ${Object.keys(bounds).join(', ')})`, { key });
      if (!Number.isInteger(figure) || (figure as number) < range[0] || (figure as number) > range[1]) {
        throw new TributaryError('ERR_CONFIG', `${key}: ${JSON.stringify(figure)} must be an integer from ${range[0]} to ${range[1]}`, { key, value: figure });
      }
      out[section][name] = figure as number;
    }
  }
  return out as unknown as Limits;
}
